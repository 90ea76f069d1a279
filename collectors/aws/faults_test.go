package aws

import (
	"bytes"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/internal/awstest"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/snapshot"
)

// motoCannotAnswer are the calls moto fails on its own (see motoGaps). The
// proxy leaves them alone: whether their last attempt met moto's error or
// an injected one would otherwise decide the recorded code.
func motoCannotAnswer(c awstest.Call) bool {
	return c.Service == "accessanalyzer" || c.Service == "cloudwatch"
}

// (a) With 30% throttling and 5% 5xx the SDK's retryer absorbs every fault
// and the snapshot equals the fault-free one, byte for byte.
func TestThrottlingAndServerErrorsChangeNothing(t *testing.T) {
	url := awstest.Need(t)
	awstest.StandardWorld(t, url)
	clean := awstest.NewProxy(t, url)
	_, want := collectVia(t, clean, testOptions("", twoRegions...))

	faulty := awstest.NewProxy(t, url)
	faulty.Throttle, faulty.Fail5xx, faulty.Spare = 0.30, 0.05, motoCannotAnswer
	opts := testOptions("", twoRegions...)
	opts.NoClientRateLimit = true // retries stay; the 0.5 req/s slowdown would only cost wall time
	start := time.Now()
	_, got := collectVia(t, faulty, opts)
	t.Logf("collection with faults: %d calls on the wire (%d without) in %s", len(faulty.Log()), len(clean.Log()), time.Since(start).Round(time.Millisecond))
	if !bytes.Equal(got, want) {
		t.Errorf("snapshot with faults differs from the fault-free one:\n%s", testutil.FirstDiff(got, want))
	}
	if len(faulty.Log()) <= len(clean.Log()) {
		t.Errorf("no fault was injected: %d calls vs %d", len(faulty.Log()), len(clean.Log()))
	}
}

// (b) AccessDenied on GuardDuty in one region is recorded for that region
// only; that region's detectors are "not collected" and everything else is
// as without the fault.
func TestAccessDeniedOnGuardDutyInOneRegion(t *testing.T) {
	url := awstest.Need(t)
	awstest.StandardWorld(t, url)
	clean := awstest.NewProxy(t, url)
	want, _ := collectVia(t, clean, testOptions("", twoRegions...))

	denied := awstest.NewProxy(t, url)
	denied.Deny = func(c awstest.Call) bool { return c.Service == "guardduty" && c.Region == "us-east-1" }
	got, _ := collectVia(t, denied, testOptions("", twoRegions...))

	wantErrs := append(motoGaps(twoRegions...), "123456789012/us-east-1/guardduty/ListDetectors/AccessDeniedException")
	if keys := errorKeys(got.Errors); !sameSet(keys, wantErrs) {
		t.Errorf("errors:\n got %q\nwant %q", keys, wantErrs)
	}
	a := got.AWS.Accounts[0]
	if r := findRegion(a, "us-east-1"); r.GuardDutyDetectors != nil {
		t.Errorf("denied region has detectors %+v; want nil (not collected)", r.GuardDutyDetectors)
	}
	if r := findRegion(a, "eu-west-1"); r.GuardDutyDetectors == nil {
		t.Error("the other region's GuardDuty must still be collected")
	}
	// Apart from the denied data and its error, the snapshots are equal.
	findRegion(a, "us-east-1").GuardDutyDetectors = findRegion(want.AWS.Accounts[0], "us-east-1").GuardDutyDetectors
	got.Errors, want.Errors = nil, nil
	if g, w := encode(t, got), encode(t, want); !bytes.Equal(g, w) {
		t.Errorf("AccessDenied on GuardDuty changed other data:\n%s", testutil.FirstDiff(g, w))
	}
}

// (d) Collecting 500 users costs the same calls as collecting 10, apart
// from extra pages of paginated list calls: nothing is fetched per user.
func TestCallsGrowWithPagesNotUsers(t *testing.T) {
	url := awstest.Need(t)
	counts := map[int]map[string]int{}
	for _, n := range []int{10, 500} {
		awstest.Need(t) // reset
		b := awstest.StandardWorld(t, url)
		for i := 0; i < n; i++ {
			// Every fifth user has a virtual MFA device so that
			// ListVirtualMFADevices needs several pages at 500.
			b.User(fmt.Sprintf("load-%03d", i), i%2 == 0, i%5 == 0, i%3)
		}
		p := awstest.NewProxy(t, url)
		s, _ := collectVia(t, p, testOptions("", twoRegions...))
		if got := len(s.AWS.Accounts[0].Users); got != n+3 {
			t.Fatalf("%d users collected, want %d", got, n+3)
		}
		counts[n] = map[string]int{}
		for _, c := range p.Log() {
			counts[n][c.Service+":"+c.Operation]++
		}
	}
	paginated := map[string]bool{"iam:GetAccountAuthorizationDetails": true, "iam:ListVirtualMFADevices": true}
	var diff []string
	for _, op := range unionKeys(counts[10], counts[500]) {
		if counts[10][op] != counts[500][op] {
			diff = append(diff, fmt.Sprintf("%s: %d → %d", op, counts[10][op], counts[500][op]))
			if !paginated[op] {
				t.Errorf("%s is called %d times for 10 users and %d for 500: a per-user call", op, counts[10][op], counts[500][op])
			}
		}
	}
	t.Logf("calls that grew from 10 to 500 users: %v", diff)
}

func unionKeys(a, b map[string]int) []string {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func encode(t *testing.T, s *snapshot.Snapshot) []byte {
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A call still throttled after the last attempt is an error like any other:
// recorded with its code, its data left nil.
func TestThrottledOutIsRecorded(t *testing.T) {
	url := awstest.Need(t)
	awstest.StandardWorld(t, url)
	p := awstest.NewProxy(t, url)
	p.Throttle = 1
	p.Spare = func(c awstest.Call) bool { return c.Service != "securityhub" }
	opts := testOptions("", "us-east-1")
	opts.NoClientRateLimit = true
	opts.RetryMaxAttempts = 3
	s, _ := collectVia(t, p, opts)
	want := append(motoGaps("us-east-1"), "123456789012/us-east-1/securityhub/DescribeHub/TooManyRequestsException")
	if got := errorKeys(s.Errors); !sameSet(got, want) {
		t.Errorf("errors:\n got %q\nwant %q", got, want)
	}
	if r := findRegion(s.AWS.Accounts[0], "us-east-1"); r.SecurityHub != nil {
		t.Errorf("throttled-out Security Hub must be nil, got %+v", r.SecurityHub)
	}
	n := 0
	for _, c := range p.Log() {
		if c.Service == "securityhub" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("DescribeHub attempted %d times, want 3 (bounded attempts)", n)
	}
}
