package aws

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/internal/awstest"
	"github.com/rampart-sec/rampart/internal/testutil"
)

// EnvLongTests turns on the long tests; scripts/test.sh sets it under CI.
const EnvLongTests = "RAMPART_LONG_TESTS"

// Throttling must not lose data (issue 9, item 14): twenty scans of a
// 200-user account with 30% of calls throttled and 5% answered 503 are
// each byte-identical to the fault-free scan. The collector runs with its
// production retry policy (attempts and the choice of what is retried);
// only the backoff is shrunk to a millisecond, and the client-side
// slowdown after throttles is off, so that faults cost no wall time.
func TestTwentyScansUnderThrottlingLoseNothing(t *testing.T) {
	if os.Getenv(EnvLongTests) == "" {
		t.Skip("long test: set " + EnvLongTests + "=1 (scripts/test.sh does under CI)")
	}
	url := awstest.Need(t)
	b := awstest.StandardWorld(t, url)
	for i := range 197 {
		b.User(fmt.Sprintf("user-%03d", i), i%3 == 0, i%5 == 0, i%3)
	}
	opts := func() Options {
		o := testOptions("", twoRegions...)
		o.RetryMaxAttempts = 0 // the production default
		o.NoClientRateLimit = true
		return o
	}
	clean := awstest.NewProxy(t, url)
	_, want := collectVia(t, clean, opts())
	calls := len(clean.Log())

	const scans = 20
	start := time.Now()
	faults := 0
	for i := range scans {
		faulty := awstest.NewProxy(t, url)
		faulty.Throttle, faulty.Fail5xx, faulty.Spare = 0.30, 0.05, motoCannotAnswer
		faulty.Seed(int64(i + 1))
		_, got := collectVia(t, faulty, opts())
		faults += len(faulty.Log()) - calls
		if !bytes.Equal(got, want) {
			t.Errorf("scan %d differs from the fault-free one:\n%s", i+1, testutil.FirstDiff(got, want))
		}
	}
	t.Logf("%d scans of %d calls each (fault-free), %d calls more under faults, in %s", scans, calls, faults, time.Since(start).Round(time.Millisecond))
}
