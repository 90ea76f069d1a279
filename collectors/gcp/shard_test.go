package gcp

import (
	"slices"
	"strings"
	"testing"

	"cloud.google.com/go/iam/apiv1/iampb"

	"github.com/rampart-sec/rampart/results"
)

// shardWorld is the known world where service accounts of prod-app also
// hold roles on dev-app: a shard that owns prod-app but not dev-app must
// still see them.
func shardWorld() *world {
	w := knownWorld()
	for _, a := range w.assets {
		if a.Name == crm+"projects/444" && a.IamPolicy != nil {
			a.IamPolicy.Bindings = append(a.IamPolicy.Bindings,
				bind("roles/editor", "serviceAccount:ci@prod-app.iam.gserviceaccount.com", "serviceAccount:333-compute@developer.gserviceaccount.com", "user:dev@example.com"),
				&iampb.Binding{Role: "roles/iam.serviceAccountAdmin", Members: []string{"serviceAccount:ci@prod-app.iam.gserviceaccount.com"}})
		}
	}
	return w
}

// shardActivity is the example's recorded activity, so that the
// unused-account control is judged in the shards too.
func shardActivity() recordedActivity {
	return recordedActivity{
		"ci@prod-app.iam.gserviceaccount.com":       day("2026-02-27"),
		"333-compute@developer.gserviceaccount.com": day("2026-02-28"),
		"reader@dev-app.iam.gserviceaccount.com":    day("2025-09-15"),
	}
}

// keepOwned keeps the results of the scopes a shard owns, a result
// without account going to the first shard: what history.Shard.Keep does
// to each shard's report in `rampart scan --shard`.
func keepOwned(rs []results.Result, owns func(string) bool, first bool) []string {
	var out []string
	for _, r := range rs {
		if r.Account == "" && first || r.Account != "" && owns(r.Account) {
			out = append(out, strings.TrimSuffix(resultLines([]results.Result{r}), "\n"))
		}
	}
	return out
}

// A sharded scan of the test organization, however its scopes are
// split between shards, gives exactly the results of one unsharded scan:
// each shard keeps its projects whole and, for the others, what its own
// results depend on. Each shard's scopes are its own.
func TestShardedEqualsUnsharded(t *testing.T) {
	whole, _ := collect(t, &fakeCAI{w: shardWorld()}, Options{Scopes: []string{"organizations/111"}, Activity: shardActivity()})
	want := strings.Split(strings.TrimSuffix(resultLines(evaluate(t, whole, testConfig())), "\n"), "\n")
	slices.Sort(want)
	for _, tc := range []struct {
		name   string
		shards [][]string
	}{
		{"one scope each", [][]string{{"organizations/111"}, {"folders/222"}, {"prod-app"}, {"dev-app"}, {"denied-app"}}},
		{"organization with dev", [][]string{{"organizations/111", "dev-app"}, {"folders/222", "prod-app", "denied-app"}}},
		{"prod alone", [][]string{{"prod-app"}, {"organizations/111", "folders/222", "dev-app", "denied-app"}}},
		{"three shards", [][]string{{"folders/222", "dev-app"}, {"organizations/111", "prod-app"}, {"denied-app"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			trimmed := false
			for i, mine := range tc.shards {
				owns := func(id string) bool { return slices.Contains(mine, id) }
				s, _ := collect(t, &fakeCAI{w: shardWorld()}, Options{Scopes: []string{"organizations/111"}, Activity: shardActivity(), Owns: owns})
				for _, sc := range s.Scopes {
					if !owns(sc.Account) {
						t.Errorf("shard %d lists scope %s of another shard", i, sc.Account)
					}
				}
				if len(s.Scopes) != len(mine) {
					t.Errorf("shard %d: %d scopes, want %d", i, len(s.Scopes), len(mine))
				}
				if len(s.GCP.ServiceAccountKeys) < len(whole.GCP.ServiceAccountKeys) {
					trimmed = true
				}
				got = append(got, keepOwned(evaluate(t, s, testConfig()), owns, i == 0)...)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("sharded results differ from unsharded:\n%s", diffLines(got, want))
			}
			if !trimmed && !slices.Contains(tc.shards[0], "prod-app") {
				t.Error("no shard left out another's keys: the shards kept everything")
			}
		})
	}
}

// diffLines lists the lines only one side has.
func diffLines(got, want []string) string {
	var b strings.Builder
	for _, l := range got {
		if !slices.Contains(want, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	for _, l := range want {
		if !slices.Contains(got, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}
