package audit

import (
	"testing"

	"github.com/rampart-sec/rampart/results"
)

func TestExplain(t *testing.T) {
	f := func(control string, sev results.Severity, resource string) results.Result {
		return results.Result{Control: control, Severity: sev, Status: results.Fail, Resource: resource}
	}
	four := []results.Result{
		f("aws-root-mfa", results.Critical, "arn:aws:iam::1:root"),
		f("aws-trust-wildcard-principal", results.Critical, "aws_iam_role.wild"),
		f("aws-admin-policy-attached", results.High, "aws_iam_role.self"),
		f("aws-cross-account-trust", results.High, "aws_iam_role.vendor"),
	}
	for _, tc := range []struct {
		name string
		d    Decision
		want string
	}{
		{"no gate", Decision{}, ""},
		{"passed", Decision{Threshold: results.High}, "gate passed: no FAIL at or above high"},
		{"passed with a baseline", Decision{Threshold: results.High, NewOnly: true}, "gate passed: no FAIL at or above high new since the baseline"},
		{"one finding", Decision{Failed: true, Threshold: results.High, Findings: four[2:3]},
			"gate failed: 1 finding at or above high: aws-admin-policy-attached (high) aws_iam_role.self; report: r.sarif"},
		{"the top three and a count", Decision{Failed: true, Threshold: results.High, NewOnly: true, Findings: four},
			"gate failed: 4 findings at or above high new since the baseline: aws-root-mfa (critical) arn:aws:iam::1:root, " +
				"aws-trust-wildcard-principal (critical) aws_iam_role.wild, aws-admin-policy-attached (high) aws_iam_role.self, and 1 more; report: r.sarif"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.d.Explain("r.sarif"); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
