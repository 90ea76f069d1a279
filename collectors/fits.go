package collectors

import (
	"fmt"
	"os"

	"github.com/rampart-sec/rampart/internal/sysmem"
	"github.com/rampart-sec/rampart/snapshot"
)

// memoryPerByte is how many bytes of memory reading, evaluating and
// reporting an input takes per byte of its file: /usr/bin/time measured
// a peak of 3.99 GB for `rampart eval -f json` of a 102 MB snapshot
// (examples/aws-org.json's four accounts repeated to 2,000), 39 times the
// file: the file itself, the decoded snapshot, the policy engine's copy
// of it as OPA values, the evaluation's working set and the report.
const memoryPerByte = 40

// fits refuses, before reading it, an input too large for the memory
// available: decoding it would end in a Go out-of-memory trace (a 543 MB
// snapshot did), where one line can say how big the file is and what it
// would need.
func fits(path string) error {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return nil // os.ReadFile says what is wrong
	}
	size := uint64(st.Size())
	need := size * memoryPerByte
	avail, source, ok := sysmem.Available()
	if !ok || need <= avail {
		return nil
	}
	return &snapshot.InputError{File: path, Msg: fmt.Sprintf(
		"too large for the memory available: the file is %s and evaluating it needs about %s (%d× its size), but %s is available (%s); run on a machine with more memory, or split the organization into shards (--shard)",
		sysmem.Format(size), sysmem.Format(need), memoryPerByte, sysmem.Format(avail), source)}
}
