package policies

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func TestAlternativeSources(t *testing.T) {
	const acct, root = "111111111111", "arn:aws:iam::111111111111:root"
	summaryDown := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "GetAccountSummary", Code: "AccessDenied"}
	reportDown := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "GetCredentialReport", Code: "AccessDenied"}
	rootRowMissing := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "GetCredentialReport", Code: "RootRowMissing", Resource: root}
	notInEvidence := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "*", Code: "NotInEvidence"}
	mfaDown := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "ListVirtualMFADevices", Code: "Throttling"}
	trustUnknown := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "assume_role_policy", Code: "UnknownUntilApply", Resource: root}

	for _, tc := range []struct {
		name     string
		requires []string
		errs     []snapshot.CollectionError
		results  int // results passed in: 0 or 1 (a PASS on root)
		want     []string
	}{
		{"one source missing: decided from the other", []string{"iam:GetAccountSummary|iam:GetCredentialReport"}, []snapshot.CollectionError{rootRowMissing}, 1, []string{"PASS " + root}},
		{"summary missing: decided from the report", []string{"iam:GetAccountSummary|iam:GetCredentialReport"}, []snapshot.CollectionError{summaryDown}, 1, []string{"PASS " + root}},
		{"both missing", []string{"iam:GetAccountSummary|iam:GetCredentialReport"}, []snapshot.CollectionError{summaryDown, rootRowMissing}, 1, []string{"ERROR " + root}},
		{"service-wide error covers every alternative", []string{"iam:GetAccountSummary|iam:GetCredentialReport"}, []snapshot.CollectionError{notInEvidence}, 1, []string{"ERROR " + root}},
		{"a second requirement missing", []string{"iam:GetAccountSummary|iam:GetCredentialReport", "iam:ListVirtualMFADevices"}, []snapshot.CollectionError{mfaDown}, 1, []string{"ERROR " + root}},
		{"no result and one source left: no scope ERROR", []string{"iam:GetAccountSummary|iam:GetCredentialReport"}, []snapshot.CollectionError{reportDown}, 0, nil},
		{"no result and no source left: scope ERROR", []string{"iam:GetAccountSummary|iam:GetCredentialReport"}, []snapshot.CollectionError{reportDown, summaryDown}, 0, []string{"ERROR " + root}},
		// An error naming the data left unknown (a plan's unknown trust
		// policy) blocks only the controls requiring that data.
		{"named data unknown, not required", []string{"iam:GetAccountAuthorizationDetails", "iam:managed_policy_arns"}, []snapshot.CollectionError{trustUnknown}, 1, []string{"PASS " + root}},
		{"named data unknown, required", []string{"iam:GetAccountAuthorizationDetails", "iam:assume_role_policy"}, []snapshot.CollectionError{trustUnknown}, 1, []string{"ERROR " + root}},
		{"a call failed covers what it returns", []string{"iam:GetAccountAuthorizationDetails", "iam:assume_role_policy"}, []snapshot.CollectionError{notInEvidence}, 1, []string{"ERROR " + root}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Control{Control: results.Control{ID: "aws-x", Provider: "aws", Severity: results.High}, Requires: tc.requires}
			var rs []results.Result
			if tc.results == 1 {
				rs = []results.Result{{Control: "aws-x", Status: results.Pass, Account: acct, Resource: root}}
			}
			s := &snapshot.Snapshot{Errors: tc.errs, Scopes: []snapshot.Scope{{Provider: "aws", Account: acct, Resource: root}}}
			var got []string
			for _, r := range applyCollectionErrors(c, rs, s) {
				got = append(got, string(r.Status)+" "+r.Resource)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// On a plan, data the plan does not show proves nothing: a PASS the plan's
// own resources decide stands, anything else is not evaluated; an error in
// one region leaves the others alone.
func TestNotInPlan(t *testing.T) {
	const acct, root = "111111111111", "arn:aws:iam::111111111111:root"
	notInPlan := snapshot.CollectionError{Provider: "aws", Account: acct, Region: "eu-west-1", Service: "guardduty", Operation: "*", Code: snapshot.CodeNotInPlan, Resource: root}
	c := &Control{Control: results.Control{ID: "aws-x", Provider: "aws", Severity: results.High}, Requires: []string{"guardduty"}}
	rs := []results.Result{
		{Status: results.Fail, Account: acct, Region: "eu-west-1", Resource: root},
		{Status: results.Fail, Account: acct, Region: "us-east-1", Resource: root},
		{Status: results.Pass, Account: acct, Region: "eu-west-1", Resource: root + "x"},
	}
	s := &snapshot.Snapshot{Errors: []snapshot.CollectionError{notInPlan}}
	var got []string
	for _, r := range applyCollectionErrors(c, rs, s) {
		got = append(got, string(r.Status)+" "+r.Region)
	}
	want := []string{"FAIL us-east-1", "PASS eu-west-1"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %v, want %v", got, want)
	}
	pass := []results.Result{{Status: results.Pass, Account: acct, Region: "eu-west-1", Resource: root}}
	if out := applyCollectionErrors(c, pass, s); len(out) != 1 || out[0].Status != results.Pass {
		t.Errorf("a PASS the plan proves must stand: %+v", out)
	}
}

// A principal a plan grants to without managing it keeps only what the
// plan proves: its FAILs (with the reason as evidence) and the ERRORs a
// collection error caused; its PASSes and the control's own ERRORs (the
// rest of the principal is unknown) are not evaluated. Other resources
// and providers are untouched, and a control that requires nothing is
// held to the same rule.
func TestOutsidePlan(t *testing.T) {
	const acct, alice, dev = "111111111111", "arn:aws:iam::111111111111:user/alice", "aws_iam_user.dev"
	outside := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "*", Code: snapshot.CodeOutsidePlan, Resource: alice, Message: "user alice is not managed by this plan", Sources: []string{"aws_iam_user_policy_attachment.a"}}
	unknown := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "managed_policy_arns", Code: "UnknownUntilApply", Resource: alice, Message: "policy_arn is unknown until apply"}
	for _, tc := range []struct {
		name     string
		requires []string
		errs     []snapshot.CollectionError
		in       []results.Result
		want     []string
	}{
		{"FAIL stands, PASS and the control's ERROR are dropped", []string{"iam:GetAccountAuthorizationDetails"}, []snapshot.CollectionError{outside}, []results.Result{
			{Status: results.Fail, Account: acct, Resource: alice, Evidence: map[string]any{"admin_grants": []any{"x"}}},
			{Status: results.Pass, Account: acct, Resource: alice},
			{Status: results.Error, Account: acct, Resource: alice, Message: "cannot tell"},
			{Status: results.Pass, Account: acct, Resource: dev},
		}, []string{"FAIL " + alice, "PASS " + dev}},
		{"an ERROR a collection error caused stands", []string{"iam:managed_policy_arns"}, []snapshot.CollectionError{outside, unknown}, []results.Result{
			{Status: results.Pass, Account: acct, Resource: alice},
		}, []string{"ERROR " + alice}},
		{"a control that requires nothing", nil, []snapshot.CollectionError{outside}, []results.Result{
			{Status: results.Pass, Account: acct, Resource: alice},
			{Status: results.Fail, Account: acct, Resource: alice},
		}, []string{"FAIL " + alice}},
		{"another account's resource of that name", nil, []snapshot.CollectionError{outside}, []results.Result{
			{Status: results.Pass, Account: "222222222222", Resource: alice},
		}, []string{"PASS " + alice}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Control{Control: results.Control{ID: "aws-x", Provider: "aws", Severity: results.High}, Requires: tc.requires}
			out := applyCollectionErrors(c, tc.in, &snapshot.Snapshot{Errors: tc.errs})
			var got []string
			for _, r := range out {
				got = append(got, string(r.Status)+" "+r.Resource)
				if r.Status == results.Fail && r.Resource == alice && r.Evidence["outside_plan"] != outside.Message {
					t.Errorf("FAIL evidence %v lacks outside_plan", r.Evidence)
				}
				if r.Resource == alice && r.Account == acct && fmt.Sprint(r.Evidence["granted_by"]) != "[aws_iam_user_policy_attachment.a]" {
					t.Errorf("%s evidence %v lacks granted_by", r.Status, r.Evidence)
				}
			}
			if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	// The evidence map is copied, not written through: evidence maps
	// are shared between equal results.
	shared := map[string]any{"admin_grants": []any{"x"}}
	c := &Control{Control: results.Control{ID: "aws-x", Provider: "aws"}}
	applyCollectionErrors(c, []results.Result{{Status: results.Fail, Account: acct, Resource: alice, Evidence: shared}}, &snapshot.Snapshot{Errors: []snapshot.CollectionError{outside}})
	if _, written := shared["outside_plan"]; written {
		t.Error("the shared evidence map was written")
	}
}

// A grant to a principal a plan cannot name undecides a PASS resting on
// what principals are granted, and leaves a FAIL and an ERROR as they
// are; a blocking error still undecides a FAIL.
func TestUnknownGrantee(t *testing.T) {
	const acct = "111111111111"
	grantee := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "managed_policy_arns", Code: snapshot.CodeUnknownGrantee,
		Message: "user of aws_iam_user_policy_attachment.m is unknown until apply: whom it grants to cannot be told"}
	blocking := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "managed_policy_arns", Code: "UnknownUntilApply", Resource: "aws_iam_user.b", Message: "policy_arn is unknown"}
	c := &Control{Control: results.Control{ID: "aws-x", Provider: "aws", Severity: results.High}, Requires: []string{"iam:managed_policy_arns"}}
	rs := []results.Result{
		{Status: results.Pass, Account: acct, Resource: "aws_iam_user.a"},
		{Status: results.Fail, Account: acct, Resource: "aws_iam_role.admin"},
		{Status: results.Fail, Account: acct, Resource: "aws_iam_user.b"},
		{Status: results.Error, Account: acct, Resource: "aws_iam_user.c", Message: "cannot tell"},
		{Status: results.Pass, Account: "222222222222", Resource: "aws_iam_user.d"},
	}
	var got []string
	for _, r := range applyCollectionErrors(c, rs, &snapshot.Snapshot{Errors: []snapshot.CollectionError{grantee, blocking}}) {
		got = append(got, string(r.Status)+" "+r.Resource+" "+r.Message)
	}
	want := []string{
		"ERROR aws_iam_user.a not decided: " + grantee.Message,
		"FAIL aws_iam_role.admin ",
		"ERROR aws_iam_user.b not decided: policy_arn is unknown",
		"ERROR aws_iam_user.c cannot tell",
		"PASS aws_iam_user.d ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A control that does not rest on the data is not touched.
	other := &Control{Control: results.Control{ID: "aws-y", Provider: "aws"}, Requires: []string{"iam:GetCredentialReport"}}
	pass := []results.Result{{Status: results.Pass, Account: acct, Resource: "aws_iam_user.a"}}
	if out := applyCollectionErrors(other, pass, &snapshot.Snapshot{Errors: []snapshot.CollectionError{grantee}}); out[0].Status != results.Pass {
		t.Errorf("a control not resting on grants: %+v", out[0])
	}
}

// A result that says it was decided without a requirement
// (evidence "independent_of") is not turned into ERROR by that
// requirement's failure, but still is by the others'.
func TestIndependentOf(t *testing.T) {
	const acct, role = "111111111111", "arn:aws:iam::111111111111:role/svc"
	orgDown := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "organizations", Operation: "*", Code: "NotInEvidence"}
	iamDown := snapshot.CollectionError{Provider: "aws", Account: acct, Service: "iam", Operation: "GetAccountAuthorizationDetails", Code: "AccessDenied"}
	c := &Control{Control: results.Control{ID: "aws-x", Provider: "aws", Severity: results.High}, Requires: []string{"iam:GetAccountAuthorizationDetails", "organizations"}}
	for _, tc := range []struct {
		name     string
		evidence map[string]any
		errs     []snapshot.CollectionError
		want     results.Status
	}{
		{"independent of the failed requirement", map[string]any{"independent_of": []any{"organizations"}}, []snapshot.CollectionError{orgDown}, results.Pass},
		{"no claim of independence", map[string]any{}, []snapshot.CollectionError{orgDown}, results.Error},
		{"independent of one, not of the other", map[string]any{"independent_of": []any{"organizations"}}, []snapshot.CollectionError{orgDown, iamDown}, results.Error},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := []results.Result{{Control: "aws-x", Status: results.Pass, Account: acct, Resource: role, Evidence: tc.evidence}}
			got := applyCollectionErrors(c, rs, &snapshot.Snapshot{Errors: tc.errs})
			if len(got) != 1 || got[0].Status != tc.want {
				t.Errorf("got %+v, want one %s", got, tc.want)
			}
		})
	}
}

// The ERROR message names what failed and where, and reads well when the
// error has no account, region, operation or code (an export).
func TestFailureMessage(t *testing.T) {
	for _, tc := range []struct {
		name string
		e    snapshot.CollectionError
		want string
	}{
		{"account and region", snapshot.CollectionError{Service: "guardduty", Operation: "ListDetectors", Code: "AccessDenied", Account: "111111111111", Region: "eu-west-1", Message: "denied"},
			"guardduty ListDetectors failed (AccessDenied) in 111111111111 eu-west-1: denied"},
		{"account only", snapshot.CollectionError{Service: "iam", Operation: "GetAccountSummary", Code: "Throttling", Account: "111111111111", Message: "slow down"},
			"iam GetAccountSummary failed (Throttling) in 111111111111: slow down"},
		{"region only", snapshot.CollectionError{Service: "ec2", Operation: "DescribeRegions", Code: "Timeout", Region: "us-east-1", Message: "timed out"},
			"ec2 DescribeRegions failed (Timeout) in us-east-1: timed out"},
		{"no account nor region (an export)", snapshot.CollectionError{Service: "cloudasset", Operation: "IAM_POLICY", Code: "NotInExport", Message: "the export holds no IAM policies"},
			"cloudasset IAM_POLICY failed (NotInExport): the export holds no IAM policies"},
		{"every operation, no code", snapshot.CollectionError{Service: "cloudasset", Operation: "*", Account: "prod-app", Message: "permission denied"},
			"cloudasset * failed in prod-app: permission denied"},
	} {
		if got := failure(tc.e); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
		var r results.Result
		markError(&r, tc.e)
		if r.Message != "not decided: "+tc.want || r.Status != results.Error {
			t.Errorf("%s: result %s %q", tc.name, r.Status, r.Message)
		}
	}
}
