package reports

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rampart-sec/rampart/results"
)

// baselineReport is sampleReport marked against a baseline that had the
// root-MFA finding already, the GuardDuty result as a FAIL (now
// undecided), and a finding fixed since; the gate asked for high.
func baselineReport() *results.Report {
	r := sampleReport()
	b := results.Baseline{}
	for _, res := range r.Results {
		switch res.Control {
		case "aws-root-mfa":
			if res.Status == results.Fail {
				b[res.ID] = res
			}
		case "aws-guardduty-enabled":
			res.Status = results.Fail
			b[res.ID] = res
		}
	}
	fixed := results.Result{Control: "aws-console-user-mfa", Title: "IAM users with a console password have MFA", Severity: results.High,
		Status: results.Fail, Provider: "aws", Account: "333333333333", Resource: "arn:aws:iam::333333333333:user/temp-contractor",
		Message: "user temp-contractor can sign in to the console without MFA"}
	fixed.ID = results.ResultID(fixed.Control, fixed.Account, fixed.Region, fixed.Resource)
	b[fixed.ID] = fixed
	b.Mark(r, "baseline.json")
	r.Gate = &results.GateInfo{FailOn: results.High, NewOnly: true}
	return r
}

func TestBaselineGolden(t *testing.T) {
	for _, tc := range []struct{ format, golden string }{
		{"markdown", "report.baseline.md"},
		{"sarif", "report.baseline.sarif"},
		{"json", "report.baseline.json"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			rep, err := New(tc.format, ciOptions())
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := rep.Write(&b, baselineReport()); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, b.Bytes())
		})
	}
}

func TestSARIFBaselineState(t *testing.T) {
	var b bytes.Buffer
	if err := (&SARIF{Options: ciOptions()}).Write(&b, baselineReport()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID, BaselineState string
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range log.Runs[0].Results {
		got[r.RuleID] = r.BaselineState
	}
	want := map[string]string{
		"aws-root-mfa":             "unchanged", // a FAIL the baseline had
		"aws-guardduty-enabled":    "updated",   // was FAIL, now ERROR
		"aws-multiple-active-keys": "new",       // WAIVED, not in the baseline
		"aws-console-user-mfa":     "absent",    // fixed since
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: baselineState %q, want %q", k, got[k], v)
		}
	}
}
