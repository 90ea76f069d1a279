package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	awscollector "github.com/rampart-sec/rampart/collectors/aws"
	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/history/pgtest"
	"github.com/rampart-sec/rampart/internal/awstest"
	"github.com/rampart-sec/rampart/results"
)

// n `rampart scan aws --org --shard i/n` processes run at once into one
// PostgreSQL store store the same results as one unsharded scan of the
// same organization (the management account and 12 members, on moto).
func TestShardedOrganizationScan(t *testing.T) {
	url := awstest.Need(t)
	dsn := pgtest.Need(t).NewDatabase(t)
	b := awstest.StandardWorld(t, url)
	members := b.Organization(12)
	for i, m := range members[:4] {
		b.Member(m, "OrganizationAccountAccessRole").User(fmt.Sprintf("dev-%d", i), true, false, 1)
	}
	bin := rampartBinary(t)
	var lastStderr string // of a scan run alone (the shards run at once)
	scan := func(run string, extra ...string) (time.Duration, error) {
		args := append([]string{"scan", "aws", "--org", "--regions", "us-east-1", "--now", "2026-03-01T12:00:00Z", "-q",
			"--store=" + dsn, "--run", run, "-f", "json", "-o", filepath.Join(t.TempDir(), "report.json")}, extra...)
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "AWS_ENDPOINT_URL="+url, "AWS_REGION=us-east-1", "AWS_MAX_ATTEMPTS=2",
			"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return 0, fmt.Errorf("rampart %v: %v\n%s", args, err, stderr.String())
		}
		if run == "lonely" {
			lastStderr = stderr.String()
		}
		return time.Since(start), nil
	}

	whole, err := scan("whole")
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	var wg sync.WaitGroup
	took := make([]time.Duration, n)
	errs := make([]error, n)
	start := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			took[i], errs[i] = scan("sharded", "--shard", fmt.Sprintf("%d/%d", i, n))
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("13 accounts on moto: unsharded scan %v; %d shards in parallel %v wall (each %v)", whole.Round(time.Millisecond), n, wall.Round(time.Millisecond), took)

	st, err := history.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	scans, err := st.Scans(context.Background(), history.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string]history.Run{}
	for _, r := range history.Runs(scans) {
		runs[r.Ref.Run] = r
	}
	sharded, unsharded := runs["sharded"], runs["whole"]
	if !sharded.Complete() || sharded.ShardCount != n || len(sharded.Scans) != n {
		t.Fatalf("sharded run: complete=%v shards=%d scans=%d missing=%v", sharded.Complete(), sharded.ShardCount, len(sharded.Scans), sharded.Missing)
	}
	if len(unsharded.Scopes) != 13 || !reflect.DeepEqual(sharded.Scopes, unsharded.Scopes) {
		t.Fatalf("scopes: sharded %v, unsharded %v", sharded.Scopes, unsharded.Scopes)
	}
	// Each account in exactly one shard.
	seen := map[string]int{}
	for _, sc := range sharded.Scans {
		if len(sc.Scopes) == 13 {
			t.Errorf("shard %s collected every account", sc.Shard)
		}
		for _, p := range sc.Scopes {
			seen[p.Account]++
		}
	}
	for acct, k := range seen {
		if k != 1 {
			t.Errorf("account %s in %d shards", acct, k)
		}
	}
	a, err := st.Results(context.Background(), history.Ref{Run: "whole"})
	if err != nil {
		t.Fatal(err)
	}
	bs, err := st.Results(context.Background(), history.Ref{Run: "sharded"})
	if err != nil {
		t.Fatal(err)
	}
	owners := map[string]string{}
	for _, sc := range sharded.Scans {
		for _, p := range sc.Scopes {
			owners[p.Account] = sc.Shard.String()
		}
	}
	for _, sc := range sharded.Scans {
		rs, err := st.Results(context.Background(), history.Ref{Scan: sc.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if owners[r.Account] != sc.Shard.String() {
				t.Errorf("shard %s stored a result of account %s (shard %s): %s %s", sc.Shard, r.Account, owners[r.Account], r.Control, r.Resource)
			}
		}
	}
	if len(a) < 13 || !reflect.DeepEqual(keyed(a), keyed(bs)) {
		t.Errorf("%d unsharded results, %d sharded; differing: %v", len(a), len(bs), differing(keyed(a), keyed(bs)))
	}
	if unsharded.Counts.ByStatus[results.Fail] == 0 {
		t.Error("no FAIL in the organization: the comparison proves little")
	}
	d, err := st.Diff(context.Background(), history.Ref{Run: "whole"}, history.Ref{Run: "sharded"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.New)+len(d.Resolved)+len(d.Undecided) != 0 || len(d.StillOpen) != unsharded.Counts.ByStatus[results.Fail] {
		t.Errorf("diff of the two runs: %d new, %d resolved, %d undecided, %d still open", len(d.New), len(d.Resolved), len(d.Undecided), len(d.StillOpen))
	}

	// A shard may own none of the accounts (they are spread by a hash):
	// its scan succeeds, says so, and records an empty scan for its run.
	const many = 64
	empty := -1
	for i := 0; i < many && empty < 0; i++ {
		owned := false
		for _, sc := range unsharded.Scopes {
			owned = owned || (history.Shard{Index: i, Count: many}).Owns(sc.Account)
		}
		if !owned {
			empty = i
		}
	}
	if _, err := scan("lonely", "--shard", fmt.Sprintf("%d/%d", empty, many)); err != nil {
		t.Fatalf("a shard owning no account: %v", err)
	}
	if want := fmt.Sprintf("shard %d/%d owns none of the scopes collected", empty, many); !strings.Contains(lastStderr, want) {
		t.Errorf("stderr %q, want it to say %q", lastStderr, want)
	}
	scans, err = st.Scans(context.Background(), history.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var recorded bool
	for _, sc := range scans {
		recorded = recorded || sc.Run == "lonely" && len(sc.Scopes) == 0 && sc.Counts.Total == 0
	}
	if !recorded {
		t.Error("the empty shard's scan was not recorded")
	}
}

// keyed indexes results by ID. The role each scan assumes in the members
// (OrganizationAccountAccessRole) is last used by that very scan, so its
// last_used evidence differs between any two scans: it alone is dropped.
func keyed(rs []results.Result) map[string]results.Result {
	out := map[string]results.Result{}
	for _, r := range rs {
		if strings.HasSuffix(r.Resource, ":role/"+awscollector.DefaultRoleName) && r.Evidence["last_used"] != nil {
			ev := map[string]any{}
			for k, v := range r.Evidence {
				ev[k] = v
			}
			delete(ev, "last_used")
			r.Evidence = ev
		}
		out[r.ID] = r
	}
	return out
}

func differing(a, b map[string]results.Result) []string {
	var out []string
	for id, r := range a {
		if !reflect.DeepEqual(r, b[id]) {
			out = append(out, fmt.Sprintf("\n%+v\n%+v", r, b[id]))
		}
	}
	for id, r := range b {
		if _, ok := a[id]; !ok {
			out = append(out, "only sharded: "+r.Control+" "+r.Account+" "+r.Resource)
		}
	}
	return out
}
