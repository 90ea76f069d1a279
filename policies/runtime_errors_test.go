package policies

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

// A builtin that fails on one odd value (glob.match on "[") does not stop
// the run, and does not pass silently either: under `not`, OPA's undefined
// would have judged the odd user PASS. Every result of the control, and
// every scope it left without one, is ERROR naming the builtin and where
// it failed; other controls are untouched.
func TestBuiltinErrorsMakeTheControlError(t *testing.T) {
	module := controlHeader("custom-not-admin", "rampart.custom.not_admin") + `results contains r if {
	some account in input.aws.accounts
	some user in account.users
	not glob.match(user.name, [], "admin")
	r := {"status": "PASS", "account": account.account_id, "resource": user.arn, "resource_type": "AWS::IAM::User", "message": "not admin"}
}
`
	dir := userDir(t, map[string]string{"not_admin.rego": module})
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Controls: []string{"custom-not-admin", "aws-root-mfa"}})

	odd := testSnapshot()
	odd.AWS.Accounts[0].Users[1].Name = "ops[" // an odd name in one account...
	odd.AWS.Accounts = append(odd.AWS.Accounts, snapshot.AWSAccount{AccountID: "222222222222", Partition: "aws"})
	odd.Scopes = append(odd.Scopes, snapshot.Scope{Provider: "aws", Account: "222222222222", Resource: "arn:aws:iam::222222222222:root"})
	var got []string
	for _, r := range evaluate(t, e, odd) {
		line := r.Control + " " + r.Resource + " " + string(r.Status)
		if r.Control == "custom-not-admin" {
			if !strings.Contains(r.Message, "a builtin failed while the control judged this scope") || !strings.Contains(r.Message, "glob.match") ||
				!strings.Contains(r.Message, "not_admin.rego:14)") {
				t.Errorf("%s: message %q does not name the builtin and where it failed", line, r.Message)
			}
		}
		got = append(got, line)
	}
	want := []string{
		"aws-root-mfa arn:aws:iam::111111111111:root PASS",
		"aws-root-mfa arn:aws:iam::222222222222:root ERROR", // no root user in the snapshot
		// ...and the control judged nothing with certainty: the accounts
		// it said something about, and the one it said nothing about.
		"custom-not-admin arn:aws:iam::111111111111:user/tagged ERROR",
		// the odd user: `not` of the failed glob.match said PASS.
		"custom-not-admin arn:aws:iam::111111111111:user/untagged ERROR",
		"custom-not-admin arn:aws:iam::222222222222:root ERROR",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without the odd value the same control decides.
	got = nil
	for _, r := range evaluate(t, e, testSnapshot()) {
		got = append(got, r.Control+" "+r.Resource+" "+string(r.Status))
	}
	want = []string{
		"aws-root-mfa arn:aws:iam::111111111111:root PASS",
		"custom-not-admin arn:aws:iam::111111111111:user/tagged PASS",
		"custom-not-admin arn:aws:iam::111111111111:user/untagged PASS",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
