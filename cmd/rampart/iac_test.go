package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	plans      = "../../collectors/terraform/testdata/"
	guardrails = plans + "synthetic_guardrails.json"
	testPolicy = "testdata/policies"
	// only keeps the tests of CLI behaviour independent of the built-in
	// catalogue (plans_test.go pins that).
	only = "--control=aws-test-role-trust-star"
)

type jsonReport struct {
	Schema   string `json:"schema"`
	Snapshot struct {
		Source string `json:"source"`
		Digest string `json:"digest"`
	} `json:"snapshot"`
	Results []struct {
		ID, Control, Status, Resource, Message string
		Evidence                               map[string]any
	} `json:"results"`
}

func evalJSON(t *testing.T, args ...string) (int, jsonReport, string) {
	t.Helper()
	code, out, errs := rampart(t, append([]string{"eval", "-f", "json"}, args...)...)
	var r jsonReport
	if code != exitError {
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("exit %d, output not JSON: %v\n%s\n%s", code, err, out, errs)
		}
	}
	return code, r, errs
}

func statusOf(r jsonReport, control, resource string) string {
	for _, x := range r.Results {
		if x.Control == control && x.Resource == resource {
			return x.Status
		}
	}
	return ""
}

// A plan is recognised by its content and evaluated; results are named by
// Terraform address; the digest is the plan file's.
func TestEvalPlan(t *testing.T) {
	code, r, errs := evalJSON(t, guardrails, "--policy-dir", testPolicy, "--fail-on", "high")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1 (a high FAIL): %s", code, errs)
	}
	if r.Snapshot.Source != "terraform-plan" {
		t.Errorf("source %q", r.Snapshot.Source)
	}
	data, _ := os.ReadFile(guardrails)
	if !strings.HasPrefix(r.Snapshot.Digest, "sha256:") || r.Snapshot.Digest != digestOf(data) {
		t.Errorf("digest %s is not the plan file's", r.Snapshot.Digest)
	}
	for resource, want := range map[string]string{
		"aws_iam_role.wild":                     "FAIL",
		"aws_iam_role.vendor":                   "PASS",
		`module.ci.aws_iam_role.deploy["prod"]`: "PASS",
	} {
		if got := statusOf(r, "aws-test-role-trust-star", resource); got != want {
			t.Errorf("%s: %q, want %s", resource, got, want)
		}
	}
	if statusOf(r, "aws-root-mfa", "arn:aws:iam::111111111111:root") != "" {
		t.Error("an iac: N control was evaluated on a plan")
	}
}

// Unknown until apply is ERROR with the reason, never PASS or FAIL.
func TestEvalPlanUnknownIsError(t *testing.T) {
	code, r, errs := evalJSON(t, plans+"checkov_github_oidc.json", only, "--policy-dir", testPolicy, "--fail-on", "low")
	if code != exitOK {
		t.Fatalf("exit %d: ERROR must not trip --fail-on (%s)", code, errs)
	}
	n := 0
	for _, x := range r.Results {
		if x.Control != "aws-test-role-trust-star" {
			continue
		}
		n++
		if x.Status != "ERROR" || !strings.Contains(x.Message, "is unknown until apply") || !strings.Contains(x.Message, x.Resource) {
			t.Errorf("%s: %s %q", x.Resource, x.Status, x.Message)
		}
	}
	if n != 4 {
		t.Errorf("%d results for the 4 for_each roles", n)
	}
}

// An Azure-only plan is a valid input with nothing for AWS controls.
func TestEvalAzurePlan(t *testing.T) {
	code, r, errs := evalJSON(t, plans+"regula_azurerm_storage.json", "--policy-dir", testPolicy, "--fail-on", "low")
	if code != exitOK || len(r.Results) != 0 {
		t.Errorf("exit %d, %d results: %s", code, len(r.Results), errs)
	}
}

func TestWaiversOnPlan(t *testing.T) {
	// The plan's timestamp (2026-11-20) is "now": the vendor waiver
	// expired in January, the others run to December.
	code, r, errs := evalJSON(t, guardrails, only, "--policy-dir", testPolicy, "--waivers", "testdata/waivers-plan.yaml", "--fail-on", "high")
	if code != exitOK {
		t.Errorf("exit %d: the only high FAIL is waived (%s)", code, errs)
	}
	var waived struct {
		Status, Message string
		Evidence        map[string]any
	}
	for _, x := range r.Results {
		if x.Resource == "aws_iam_role.wild" {
			waived.Status, waived.Message, waived.Evidence = x.Status, x.Message, x.Evidence
		}
	}
	if waived.Status != "WAIVED" || waived.Message != "waived: break-glass role, trust narrowed by SCP (SEC-42)" {
		t.Errorf("%+v", waived)
	}
	if w, _ := waived.Evidence["waiver"].(map[string]any); w["approved_by"] != "ciso@example.com" || w["expires"] != "2026-12-31" {
		t.Errorf("evidence %v", waived.Evidence)
	}
	for _, want := range []string{
		"testdata/waivers-plan.yaml:11: waiver for aws-test-role-trust-star on aws_iam_role.vendor expired on 2026-01-31",
		`testdata/waivers-plan.yaml:6: stale waiver: aws-test-role-trust-star on module.ci.aws_iam_role.deploy["*"]`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "waivers-plan.yaml:16") {
		t.Errorf("a waiver of a control not evaluated on plans was reported:\n%s", errs)
	}
	// Expiry is judged at --now, not the wall clock.
	code, _, errs = evalJSON(t, guardrails, only, "--policy-dir", testPolicy, "--waivers", "testdata/waivers-plan.yaml", "--fail-on", "high", "--now", "2027-01-01T00:00:00Z")
	if code != exitFindings || !strings.Contains(errs, "aws_iam_role.wild expired on 2026-12-31") {
		t.Errorf("after expiry: exit %d, %s", code, errs)
	}
}

func TestBaselineNewOnly(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	if code, _, errs := rampart(t, "eval", guardrails, only, "--policy-dir", testPolicy, "-f", "json", "-o", base); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// Everything is in the baseline: nothing new gates.
	if code, _, errs := rampart(t, "eval", guardrails, only, "--policy-dir", testPolicy, "--baseline", base, "--new-only", "--fail-on", "high"); code != exitOK {
		t.Errorf("exit %d with every finding in the baseline: %s", code, errs)
	}
	// An empty baseline: every finding is new.
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, []byte(`{"schema": "rampart.results/v1", "results": []}`), 0o644)
	if code, _, _ := rampart(t, "eval", guardrails, only, "--policy-dir", testPolicy, "--baseline", empty, "--new-only", "--fail-on", "high"); code != exitFindings {
		t.Errorf("exit %d with an empty baseline, want 1", code)
	}
}

func TestSARIFWithTerraformSources(t *testing.T) {
	code, out, errs := rampart(t, "eval", guardrails, only, "--policy-dir", testPolicy, "-f", "sarif", "--tf-dir", plans+"tf")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	var locs []string
	for _, r := range log.Runs[0].Results {
		l := r.Locations[0].PhysicalLocation
		locs = append(locs, l.ArtifactLocation.URI+":"+itoa(l.Region.StartLine))
	}
	if !strings.Contains(strings.Join(locs, " "), "../../collectors/terraform/testdata/tf/main.tf:24") {
		t.Errorf("aws_iam_role.wild not located at its block: %v", locs)
	}
}

// A plan's password-policy result names its block, so SARIF points at it
// (not at the account, which no .tf file holds).
func TestSARIFLocatesPasswordPolicy(t *testing.T) {
	code, out, errs := rampart(t, "eval", plans+"synthetic_provider_accounts.json", "--control=aws-password-policy", "-f", "sarif", "--tf-dir", plans+"tf")
	if code == exitError {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 || len(log.Runs[0].Results[0].Locations) == 0 {
		t.Fatalf("want one located result: %s", out)
	}
	l := log.Runs[0].Results[0].Locations[0].PhysicalLocation
	if got := l.ArtifactLocation.URI + ":" + itoa(l.Region.StartLine); got != "../../collectors/terraform/testdata/tf/iam.tf:10" {
		t.Errorf("password policy located at %s", got)
	}
}

func TestJUnitAndMarkdownOnPlan(t *testing.T) {
	code, out, errs := rampart(t, "eval", guardrails, only, "--policy-dir", testPolicy, "-f", "junit")
	var suites struct {
		Failures int `xml:"failures,attr"`
	}
	if code != exitOK || xml.Unmarshal([]byte(out), &suites) != nil || suites.Failures != 1 {
		t.Errorf("junit: exit %d, %+v, %s", code, suites, errs)
	}
	code, out, _ = rampart(t, "eval", guardrails, only, "--policy-dir", testPolicy, "-f", "markdown")
	if code != exitOK || !strings.Contains(out, "`aws_iam_role.wild`") {
		t.Errorf("markdown: exit %d\n%s", code, out)
	}
}

// Inputs unusable as a whole: exit 2, one line naming the file and what
// was expected, nothing written over --output.
func TestBadIaCInputs(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"plan format 2.0", []string{"eval", "testdata/plans/future-format.json"}, `testdata/plans/future-format.json: unsupported Terraform plan format_version "2.0": rampart reads 0.1 to 1.x`},
		{"truncated plan", []string{"eval", "testdata/plans/truncated.json"}, "testdata/plans/truncated.json:"},
		{"show -json of a state", []string{"eval", "testdata/plans/state-show.json"}, "not of a plan: run `terraform plan -out=tfplan && terraform show -json tfplan`"},
		{"state file", []string{"eval", "testdata/plans/terraform.tfstate"}, "this is a Terraform state file, not a plan"},
		{"waiver bad date", []string{"eval", guardrails, "--policy-dir", testPolicy, "--waivers", "testdata/waivers-bad-date.yaml"}, `testdata/waivers-bad-date.yaml:5: expires "2026-02-30": expected a date YYYY-MM-DD`},
		{"waiver unknown control", []string{"eval", guardrails, "--policy-dir", testPolicy, "--waivers", "testdata/waivers-unknown-control.yaml"}, `testdata/waivers-unknown-control.yaml:1: unknown control "aws-role-trust-star"`},
		// Narrowing the run with --control does not make a misspelt control
		// in the waiver file acceptable.
		{"waiver unknown control with --control", []string{"eval", guardrails, "--policy-dir", testPolicy, "--control", "aws-imdsv2-required", "--waivers", "testdata/waivers-unknown-control.yaml"}, `testdata/waivers-unknown-control.yaml:1: unknown control "aws-role-trust-star"`},
		{"missing waiver file", []string{"eval", guardrails, "--waivers", "testdata/none.yaml"}, "testdata/none.yaml: cannot read: no such file or directory"},
		{"bad baseline", []string{"eval", guardrails, "--baseline", "testdata/not-snapshot.json", "--new-only"}, "--baseline testdata/not-snapshot.json: expected a \"rampart.results/v2\" or \"rampart.results/v1\" document"},
		{"new-only alone", []string{"eval", guardrails, "--new-only"}, "--new-only needs --baseline FILE, or a history store"},
		{"baseline alone", []string{"eval", guardrails, "--baseline", "testdata/not-snapshot.json"}, "--baseline needs --new-only"},
		{"missing tf-dir", []string{"eval", guardrails, "--tf-dir", "testdata/no-such-dir", "-f", "sarif"}, "--tf-dir: stat testdata/no-such-dir"},
	} {
		t.Run(tc.name, func(t *testing.T) { assertBadInput(t, tc.args, tc.want) })
	}
}

// A plan without a timestamp (Terraform < 1.5) is dated --now: the same
// plan and flags give byte-identical reports.
func TestPlanWithoutTimestampIsDatedNow(t *testing.T) {
	args := []string{"eval", plans + "regula_admin_policy.json", "-f", "json", "--now", "2026-05-01T00:00:00Z"}
	_, a, _ := rampart(t, args...)
	_, b, _ := rampart(t, args...)
	if a != b {
		t.Error("two evaluations of the same plan with --now differ")
	}
	if !strings.Contains(a, `"collected_at": "2026-05-01T00:00:00Z"`) {
		t.Errorf("collected_at is not --now:\n%.400s", a)
	}
}
