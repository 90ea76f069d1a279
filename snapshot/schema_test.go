package snapshot

import (
	"testing"

	"github.com/rampart-sec/rampart/internal/testutil"
)

// The committed schema is what users and the engine read; it must be the one
// the Go types produce (go test ./snapshot -update rewrites it). The test
// compares with the file on disk, not with the copy embedded at build time:
// with -update the file is rewritten during the run, so the embedded copy
// of that run is still the old one and comparing with it made the first
// -update run fail. go:embed makes the embedded copy the file at the next
// build.
func TestCommittedSchemaIsCurrent(t *testing.T) {
	want, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, SchemaFile, append(want, '\n'))
}
