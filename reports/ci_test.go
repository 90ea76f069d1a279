package reports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/results"
)

// ciOptions are what the CLI passes for a plan evaluated with --tf-dir:
// rule metadata, and locations for Terraform addresses.
func ciOptions() Options {
	return Options{
		Version: "1.2.3",
		Rules: map[string]results.Control{
			"aws-root-mfa": {ID: "aws-root-mfa", Title: "Root user has MFA", Description: "The root user can do anything.", Severity: results.Critical,
				Remediation: "Enable MFA on the root user.", Frameworks: map[string][]string{"cis-aws-foundations-3.0": {"1.5"}}, MITRE: []string{"T1078.004"}, Escalation: "CISO + Cloud team"},
		},
		Locate: func(resource string) (Location, bool) {
			if resource == "arn:aws:iam::333333333333:root" {
				return Location{File: "infra/main.tf", Line: 12}, true
			}
			return Location{}, false
		},
	}
}

// sarifRead is what the SARIF tests read of a log.
type sarifRead struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID   string
					Help struct{ Text string }
				}
			}
		}
		Results []struct {
			RuleID, Kind, Level string
			RuleIndex           int
			Suppressions        []any
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           struct{ StartLine int }
				}
			}
		}
	}
}

func decodeSARIF(t *testing.T, data []byte) sarifRead {
	t.Helper()
	var log sarifRead
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	return log
}

func TestSARIFLevelsAndKinds(t *testing.T) {
	var b bytes.Buffer
	if err := (&SARIF{Options: ciOptions()}).Write(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	run := decodeSARIF(t, b.Bytes()).Runs[0]
	if len(run.Tool.Driver.Rules) != 3 {
		t.Errorf("one rule per control: %d", len(run.Tool.Driver.Rules))
	}
	got := map[string]string{}
	for _, r := range run.Results {
		got[r.RuleID+" "+r.Kind] = r.Level
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", r.RuleIndex, r.RuleID)
		}
		if r.RuleID == "aws-root-mfa" {
			if l := r.Locations[0].PhysicalLocation; l.ArtifactLocation.URI != "infra/main.tf" || l.Region.StartLine != 12 {
				t.Errorf("location %+v", l)
			}
		}
		if r.RuleID == "aws-multiple-active-keys" && len(r.Suppressions) != 1 {
			t.Error("a WAIVED result must be suppressed")
		}
	}
	want := map[string]string{
		"aws-root-mfa fail":             "error", // critical FAIL
		"aws-guardduty-enabled review":  "none",  // ERROR: undecided, not a finding
		"aws-multiple-active-keys fail": "note",  // low, waived
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: level %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if len(run.Results) != 3 {
		t.Errorf("PASS results must be left out: %d results", len(run.Results))
	}
	if !strings.Contains(run.Tool.Driver.Rules[2].Help.Text, "Enable MFA on the root user.") {
		t.Errorf("help lacks the remediation: %q", run.Tool.Driver.Rules[2].Help.Text)
	}
}

// A result about a resource with no block of its own (a principal a plan
// grants to without managing it) points at the first block that grants to
// it, from its evidence "granted_by".
func TestSARIFLocatesGrantedBy(t *testing.T) {
	opts := ciOptions()
	opts.Locate = func(resource string) (Location, bool) {
		if resource == "aws_iam_user_policy_attachment.alice" {
			return Location{File: "infra/iam.tf", Line: 40}, true
		}
		return Location{}, false
	}
	rep := sampleReport()
	rep.Results = []results.Result{{
		Control: "aws-root-mfa", Status: results.Fail, Severity: results.Critical, Resource: "arn:aws:iam::111111111111:user/alice",
		Evidence: map[string]any{"granted_by": []any{"aws_iam_group_membership.unlocatable", "aws_iam_user_policy_attachment.alice"}},
	}}
	var b bytes.Buffer
	if err := (&SARIF{Options: opts}).Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	l := decodeSARIF(t, b.Bytes()).Runs[0].Results[0].Locations[0].PhysicalLocation
	if l.ArtifactLocation.URI != "infra/iam.tf" || l.Region.StartLine != 40 {
		t.Errorf("location %+v, want infra/iam.tf:40", l)
	}
}

func TestSARIFLevelOf(t *testing.T) {
	for sev, want := range map[results.Severity]string{results.Critical: "error", results.High: "error", results.Medium: "warning", results.Low: "note", results.Info: "note"} {
		if got := sarifLevelOf(sev); got != want {
			t.Errorf("%s: %s", sev, got)
		}
	}
}

func TestJUnitCounts(t *testing.T) {
	var b bytes.Buffer
	if err := (JUnit{}).Write(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	var s junitSuites
	if err := xml.Unmarshal(b.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	if s.Tests != 4 || s.Failures != 1 || s.Errors != 1 || s.Skipped != 1 || len(s.Suites) != 3 {
		t.Errorf("%+v", s)
	}
}

func TestMarkdownEscapesCells(t *testing.T) {
	r := sampleReport()
	for i := range r.Results {
		if r.Results[i].Status == results.Fail {
			r.Results[i].Message = "a | b\nc"
		}
	}
	var b bytes.Buffer
	if err := (Markdown{}).Write(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `a \| b c`) {
		t.Errorf("cell not escaped:\n%s", b.String())
	}
}
