package gcp

import (
	"testing"
)

// Calls grow with pages, not projects: an organization of 5 and one of
// 500 projects (each with a service account, a key and an instance) cost
// one ListAssets call per 1,000 assets of each content type.
func TestRPCCountGrowsWithPages(t *testing.T) {
	for _, tc := range []struct {
		projects int
		// want is the number of ListAssets calls: RESOURCE lists the
		// org, the folder and 4 assets per project; IAM_POLICY the
		// org, the folder and each project; ORG_POLICY the org.
		want int
	}{
		{5, 1 + 1 + 1},
		{500, 3 + 1 + 1}, // 2,002 resources: 3 pages; 502 IAM policies: 1 page
	} {
		f := &fakeCAI{w: generatedWorld(tc.projects)}
		s, stats := collect(t, f, Options{Scopes: []string{"organizations/111"}})
		if got := len(f.Calls()); got != tc.want || stats.Pages != tc.want {
			t.Errorf("%d projects: %d calls (%d pages), want %d", tc.projects, got, stats.Pages, tc.want)
		}
		if len(s.GCP.Projects) != tc.projects || len(s.GCP.ServiceAccountKeys) != tc.projects {
			t.Errorf("%d projects: collected %d projects and %d keys", tc.projects, len(s.GCP.Projects), len(s.GCP.ServiceAccountKeys))
		}
		t.Logf("organization of %d projects: %d ListAssets calls", tc.projects, len(f.Calls()))
	}
}
