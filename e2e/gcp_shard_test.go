package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rampart-sec/rampart/history"
)

// `rampart scan gcp --shard i/n` over the example organization's exports,
// recorded into one SQLite store: the shards list disjoint scopes, each
// stores only results of its own scopes, and together they store the
// results of one unsharded scan.
func TestShardedGCPScan(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "history.db")
	scan := func(run string, extra ...string) {
		t.Helper()
		args := []string{"scan", "gcp", "-q", "--now", "2026-03-01T00:00:00Z", "--store=" + dsn, "--run", run,
			"-f", "json", "-o", filepath.Join(t.TempDir(), "report.json")}
		for _, f := range []string{"resource.ndjson", "iam-policy.ndjson", "org-policy.ndjson"} {
			args = append(args, "--cai-export", filepath.Join(gcpExample, f))
		}
		if code, _, stderr := runFiles(t, append(args, extra...)...); code > 1 {
			t.Fatalf("rampart %v: exit %d: %s", extra, code, stderr)
		}
	}
	scan("whole")
	const n = 3
	for i := range n {
		scan("sharded", "--shard", fmt.Sprintf("%d/%d", i, n))
	}
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
	sharded, whole := runs["sharded"], runs["whole"]
	if !sharded.Complete() || len(sharded.Scans) != n {
		t.Fatalf("sharded run: complete=%v scans=%d", sharded.Complete(), len(sharded.Scans))
	}
	if len(whole.Scopes) < 4 || !reflect.DeepEqual(sharded.Scopes, whole.Scopes) {
		t.Fatalf("scopes: sharded %v, unsharded %v", sharded.Scopes, whole.Scopes)
	}
	owner := map[string]string{}
	for _, sc := range sharded.Scans {
		for _, p := range sc.Scopes {
			if o, dup := owner[p.Account]; dup {
				t.Errorf("scope %s in shards %s and %s", p.Account, o, sc.Shard)
			}
			owner[p.Account] = sc.Shard.String()
		}
	}
	if busy := len(distinct(owner)); busy < 2 {
		t.Fatalf("only %d shard holds scopes: the comparison proves little", busy)
	}
	for _, sc := range sharded.Scans {
		rs, err := st.Results(context.Background(), history.Ref{Scan: sc.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Account != "" && owner[r.Account] != sc.Shard.String() {
				t.Errorf("shard %s stored a result of %s (shard %s): %s %s", sc.Shard, r.Account, owner[r.Account], r.Control, r.Resource)
			}
		}
	}
	a, err := st.Results(context.Background(), history.Ref{Run: "whole"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.Results(context.Background(), history.Ref{Run: "sharded"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) < 30 || !reflect.DeepEqual(keyed(a), keyed(b)) {
		t.Errorf("%d unsharded results, %d sharded; differing: %v", len(a), len(b), differing(keyed(a), keyed(b)))
	}
}

func distinct(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range m {
		out[v] = true
	}
	return out
}
