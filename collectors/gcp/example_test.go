package gcp

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/snapshot"
)

// exampleDir is the repository's examples/ folder.
const exampleDir = "../../examples"

// recordedActivity stands in for Policy Analyzer in the example: when each
// service account last authenticated, as the activity API reports it.
type recordedActivity map[string]*time.Time

func (r recordedActivity) Fill(_ context.Context, g *snapshot.GCP) []snapshot.CollectionError {
	since := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range g.ServiceAccounts {
		sa := &g.ServiceAccounts[i]
		sa.Activity = &snapshot.GCPActivity{LastAuthenticated: r[sa.Email], ObservedSince: &since}
	}
	return nil
}

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// The GCP example organization (examples/gcp-org/ and gcp-org.json) is the
// known world: its export files are what `gcloud asset export` would write
// for it, and gcp-org.json the snapshot a live scan with activity data
// gives. Both are regenerated with -update and their results pinned.
func TestExampleOrganization(t *testing.T) {
	files := map[string][]byte{}
	for ct, name := range map[string]string{"RESOURCE": "resource.ndjson", "IAM_POLICY": "iam-policy.ndjson", "ORG_POLICY": "org-policy.ndjson"} {
		files[filepath.Join("gcp-org", name)] = exportNDJSON(t, knownWorld(), ct)
	}
	s, _ := collect(t, &fakeCAI{w: knownWorld()}, Options{Scopes: []string{"organizations/111"}, Activity: recordedActivity{
		"ci@prod-app.iam.gserviceaccount.com":       day("2026-02-27"),
		"333-compute@developer.gserviceaccount.com": day("2026-02-28"),
		"reader@dev-app.iam.gserviceaccount.com":    day("2025-09-15"),
		// dev-app@appspot: never authenticated since observation began.
	}})
	files["gcp-org.json"] = encode(t, s)
	files["gcp-org.results.txt"] = []byte(resultLines(evaluate(t, s, testConfig())))
	for name, got := range files {
		testutil.Golden(t, filepath.Join(exampleDir, name), got)
	}
	// Every GCP control has a FAIL and a PASS in the example.
	seen := map[string]map[string]bool{}
	for _, r := range evaluate(t, s, testConfig()) {
		if seen[r.Control] == nil {
			seen[r.Control] = map[string]bool{}
		}
		seen[r.Control][string(r.Status)] = true
	}
	if len(seen) != 15 {
		t.Errorf("%d GCP controls in the example, want 15", len(seen))
	}
	for c, st := range seen {
		if !st["FAIL"] || !st["PASS"] {
			t.Errorf("%s: statuses %v, want both FAIL and PASS", c, st)
		}
	}
}
