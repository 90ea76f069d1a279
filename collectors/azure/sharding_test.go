package azure

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/collectors/azure/azurefake"
	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/internal/enginetest"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// shardResults collects the example world as shard sh (the zero Shard:
// unsharded) and returns what that shard keeps, as the scan command does,
// with the ARM requests it sent.
func shardResults(t *testing.T, e *policies.Engine, sh history.Shard) ([]results.Result, *snapshot.Snapshot, []string) {
	t.Helper()
	f := azurefake.New(t, azurefake.ExampleWorld())
	opts := Options{}
	if !sh.IsZero() {
		opts.Owns = sh.Owns
	}
	s := collectFake(t, f, opts)
	for _, sc := range s.Scopes {
		if !sh.Owns(sc.Account) {
			t.Errorf("shard %s lists scope %s, which another shard owns (the scan command refuses that)", sh, sc.Account)
		}
	}
	rs := enginetest.Evaluate(t, e, s, nil)
	rep := sh.Keep(&results.Report{Results: rs})
	var arm []string
	for _, r := range f.Log() {
		if strings.Contains(r, "/subscriptions/") {
			arm = append(arm, r)
		}
	}
	return rep.Results, s, arm
}

// The shards of a sharded scan add up to exactly one unsharded scan: every
// result, message and evidence included, once. With 2 shards the tenant
// is in shard 0 and both subscriptions in shard 1; with 3, each scope is in
// its own shard (SHA-256 of the IDs, asserted below so the test cannot
// silently stop splitting).
func TestShardsAddUpToOneScan(t *testing.T) {
	e := enginetest.New(t, enginetest.LoadConfig(t, exampleConfig))
	whole, _, _ := shardResults(t, e, history.Shard{})
	want := map[string]string{}
	for _, r := range whole {
		b, _ := json.Marshal(r)
		want[r.ID] = string(b)
	}
	if len(want) != len(whole) || len(whole) < 50 {
		t.Fatalf("%d results, %d distinct IDs: the example world should give many distinct results", len(whole), len(want))
	}

	for _, tc := range []struct {
		count int
		// owner of the tenant, prod and dev, pinned so the split is real.
		tenant, prod, dev int
	}{
		{2, 0, 1, 1},
		{3, 1, 0, 2},
	} {
		t.Run(fmt.Sprintf("%d shards", tc.count), func(t *testing.T) {
			for id, i := range map[string]int{azurefake.TenantID: tc.tenant, azurefake.SubProd: tc.prod, azurefake.SubDenied: tc.dev} {
				if !(history.Shard{Index: i, Count: tc.count}).Owns(id) {
					t.Fatalf("%s is not in shard %d/%d: the split this test relies on changed", id, i, tc.count)
				}
			}
			got := map[string]string{}
			for i := range tc.count {
				sh := history.Shard{Index: i, Count: tc.count}
				rs, s, arm := shardResults(t, e, sh)
				for _, r := range rs {
					b, _ := json.Marshal(r)
					if _, dup := got[r.ID]; dup {
						t.Errorf("result %s kept by two shards", r.ID)
					}
					got[r.ID] = string(b)
				}
				// Monitoring, Defender and Lighthouse are read only by
				// the subscription's own shard; RBAC of the others only
				// by the tenant's shard.
				for _, sub := range []string{azurefake.SubProd, azurefake.SubDenied} {
					owner := sh.Owns(sub)
					for _, r := range arm {
						if !strings.Contains(r, sub) {
							continue
						}
						rbac := strings.Contains(r, "Microsoft.Authorization")
						if !owner && (!rbac || i != tc.tenant) {
							t.Errorf("shard %s read %s of a subscription it does not own", sh, r)
						}
					}
				}
				if i != tc.tenant && len(s.Azure.Tenants[0].Subscriptions) != countOwned(sh) {
					t.Errorf("shard %s holds %d subscriptions, owns %d", sh, len(s.Azure.Tenants[0].Subscriptions), countOwned(sh))
				}
			}
			for id, w := range want {
				if g, ok := got[id]; !ok {
					t.Errorf("missing from the shards: %s", w)
				} else if g != w {
					t.Errorf("differs:\n sharded   %s\n unsharded %s", g, w)
				}
			}
			for id, g := range got {
				if _, ok := want[id]; !ok {
					t.Errorf("only in the shards: %s", g)
				}
			}
		})
	}
}

func countOwned(sh history.Shard) int {
	n := 0
	for _, id := range []string{azurefake.SubProd, azurefake.SubDenied} {
		if sh.Owns(id) {
			n++
		}
	}
	return n
}
