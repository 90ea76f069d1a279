package e2e

import (
	"encoding/json"
	"testing"
)

// With only the authorization details and the credential report, a role
// trusted only by a service is decided by aws-cross-account-trust: it
// needs no organization data, which the evidence lacks. A role trusting
// another account still cannot be decided (is it in the organization?).
func TestEvidenceDecidesServiceRoles(t *testing.T) {
	code, stdout, stderr := runFiles(t, "eval", "../collectors/aws/testdata/evidence.golden.json", "--format", "json", "--control", "aws-cross-account-trust")
	var report struct{ Results []result }
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("report is not JSON (exit %d): %v\nstderr: %s", code, err, stderr)
	}
	got := map[string]string{}
	for _, r := range report.Results {
		got[r.Resource] = r.Status
	}
	for role, want := range map[string]string{"ec2-app": "PASS", "vendor-audit": "ERROR"} {
		if g := got["arn:aws:iam::111111111111:role/"+role]; g != want {
			t.Errorf("%s: %q, want %q", role, g, want)
		}
	}
}
