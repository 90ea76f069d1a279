package gcp

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

func TestHint(t *testing.T) {
	for _, tc := range []struct {
		err  snapshot.CollectionError
		want string
	}{
		{snapshot.CollectionError{Provider: "gcp", Service: snapshot.GCPServiceAsset, Code: "PermissionDenied"}, "roles/cloudasset.viewer"},
		{snapshot.CollectionError{Provider: "gcp", Service: snapshot.GCPServiceActivity, Code: "PermissionDenied"}, "roles/policyanalyzer.activityAnalysisViewer"},
		{snapshot.CollectionError{Provider: "gcp", Service: snapshot.GCPServiceAsset, Operation: snapshot.GCPContentOrgPolicy, Code: "NotInExport"}, "gcloud asset export --content-type=org-policy"},
		{snapshot.CollectionError{Provider: "aws", Code: "PermissionDenied"}, ""},
	} {
		got := Hint(tc.err)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%+v: %q, want %q", tc.err, got, tc.want)
		}
	}
}
