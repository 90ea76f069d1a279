package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const example = "../../examples/aws-org.json"

// rampart runs the CLI in-process and returns its exit code, stdout and
// stderr.
func rampart(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestEvalExampleTable(t *testing.T) {
	code, out, errs := rampart(t, "eval", example, "--config", "../../examples/rampart.yaml")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{"CRITICAL", "aws-root-mfa", "333333333333  (account)", "root user has no MFA device", "SUMMARY"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes written to a non-terminal")
	}
}

func TestEvalExampleJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results.json")
	code, _, errs := rampart(t, "eval", example, "--format", "json", "--output", out, "--config", "../../examples/rampart.yaml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema   string         `json:"schema"`
		Snapshot map[string]any `json:"snapshot"`
		Summary  map[string]any `json:"summary"`
		Controls map[string]map[string]any
		Results  []map[string]any
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "rampart.results/v2" {
		t.Errorf("schema %q", doc.Schema)
	}
	for _, k := range []string{"digest", "collected_at", "scopes"} {
		if doc.Snapshot[k] == nil {
			t.Errorf("snapshot.%s missing", k)
		}
	}
	if len(doc.Results) == 0 {
		t.Fatal("no results")
	}
	keys := []string{"id", "control", "severity", "status", "provider", "account", "region", "resource", "resource_type", "message", "evidence"}
	for _, r := range doc.Results {
		for _, k := range keys {
			if _, ok := r[k]; !ok {
				t.Fatalf("result lacks key %q: %v", k, r)
			}
		}
		// The control's text is written once, in "controls".
		c, ok := doc.Controls[r["control"].(string)]
		if !ok {
			t.Fatalf("control %v of a result is not in controls", r["control"])
		}
		for _, k := range []string{"title", "severity", "remediation", "frameworks", "mitre", "escalation"} {
			if _, ok := c[k]; !ok {
				t.Fatalf("controls[%v] lacks %q: %v", r["control"], k, c)
			}
		}
	}
}

func TestFailOn(t *testing.T) {
	if code, _, errs := rampart(t, "eval", example, "--fail-on", "low", "-f", "json"); code != exitFindings {
		t.Errorf("--fail-on low on the example: exit %d, want 1 (%s)", code, errs)
	}
	// aws-multiple-active-keys is low and FAILs in the example: a low FAIL
	// trips --fail-on low, and does not trip --fail-on medium.
	keys := []string{"eval", example, "--control", "aws-multiple-active-keys", "-f", "json", "--fail-on"}
	if code, _, errs := rampart(t, append(keys, "low")...); code != exitFindings {
		t.Errorf("low FAIL, --fail-on low: exit %d, want 1 (%s)", code, errs)
	}
	if code, _, errs := rampart(t, append(keys, "medium")...); code != exitOK {
		t.Errorf("low FAIL, --fail-on medium: exit %d, want 0 (%s)", code, errs)
	}
}

func TestDeterministicOutput(t *testing.T) {
	_, a, _ := rampart(t, "eval", example, "-f", "json")
	_, b, _ := rampart(t, "eval", example, "-f", "json")
	if a != b {
		t.Error("two evaluations of the same snapshot differ")
	}
}

// Each bad input gives exit 2, one line naming the file or flag and what
// was expected, and leaves a previous --output untouched.
func TestBadInputs(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"not JSON", []string{"eval", "testdata/not-json.txt"}, "testdata/not-json.txt:1:2: invalid JSON"},
		{"JSON array", []string{"eval", "testdata/array.json"}, `testdata/array.json: not a file rampart reads: found a JSON array; expected a rampart snapshot (a "schema" key: rampart.snapshot/v1); or a Terraform plan ("format_version" and "planned_values" or "resource_changes": the output of terraform show -json PLANFILE); or a Cloud Asset Inventory export (assets with a full resource "name" and "asset_type": gcloud asset export, one per line, or gcloud asset list --format=json)`},
		{"neither snapshot nor plan", []string{"eval", "testdata/not-snapshot.json"}, `testdata/not-snapshot.json: not a file rampart reads: expected a rampart snapshot (a "schema" key`},
		{"unknown schema version", []string{"eval", "testdata/future-schema.json"}, `testdata/future-schema.json: unsupported snapshot schema "rampart.snapshot/v9"`},
		{"truncated", []string{"eval", "testdata/truncated.json"}, "testdata/truncated.json:"},
		{"wrong type in snapshot", []string{"eval", "testdata/wrong-type.json"}, "testdata/wrong-type.json:"},
		{"missing file", []string{"eval", "testdata/nope.json"}, "testdata/nope.json: cannot read: no such file or directory"},
		{"config unknown key", []string{"eval", example, "--config", "testdata/config-unknown-key.yaml"}, `testdata/config-unknown-key.yaml: line 2: unknown key "unused_role_dayz"`},
		{"config wrong type", []string{"eval", example, "--config", "testdata/config-wrong-type.yaml"}, `testdata/config-wrong-type.yaml: line 2: thresholds.unused_role_days: expected a whole number, got "ninety"`},
		{"missing config", []string{"eval", example, "--config", "testdata/none.yaml"}, "config testdata/none.yaml: no such file or directory"},
		{"bad --fail-on", []string{"eval", example, "--fail-on", "severe"}, `--fail-on: unknown severity "severe": expected one of critical, high, medium, low, info`},
		{"unknown --control", []string{"eval", example, "--control", "aws-root-mfa,aws-nope"}, "--control: unknown control aws-nope"},
		{"bad --now", []string{"eval", example, "--now", "yesterday"}, `--now "yesterday": expected an RFC 3339 time`},
		{"bad --format", []string{"eval", example, "--format", "docx"}, `--format: unknown format "docx": expected one of`},
		{"no file", []string{"eval"}, "rampart eval: expected one input file, got 0 arguments"},
		{"unknown flag", []string{"eval", example, "--frobnicate"}, "unknown flag: --frobnicate"},
		{"bad policy dir", []string{"eval", example, "--policy-dir", "../../policies/testdata/syntax"}, "syntax.rego:14:0: unexpected eof token"},
	} {
		t.Run(tc.name, func(t *testing.T) { assertBadInput(t, tc.args, tc.want) })
	}
}

// assertBadInput runs the CLI on a bad input and checks the promise made for
// every one: exit 2, one line on stderr containing want, nothing on stdout,
// and a previous --output left untouched.
func assertBadInput(t *testing.T, args []string, want string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(out, []byte("previous good report"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := rampart(t, append(args, "--output", out)...)
	if code != exitError {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q does not contain %q", stderr, want)
	}
	if strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
		t.Errorf("expected one line, got:\n%s", stderr)
	}
	if stdout != "" {
		t.Errorf("stdout not empty: %q", stdout)
	}
	if got, _ := os.ReadFile(out); string(got) != "previous good report" {
		t.Errorf("--output was overwritten: %q", got)
	}
}

func TestPolicyCommands(t *testing.T) {
	code, out, _ := rampart(t, "policy", "list")
	if code != 0 || !strings.Contains(out, "aws-root-mfa") || !strings.Contains(out, "critical") {
		t.Errorf("policy list: exit %d\n%s", code, out)
	}
	code, out, _ = rampart(t, "policy", "show", "aws-root-mfa")
	if code != 0 || !strings.Contains(out, "Remediation:") || !strings.Contains(out, "T1078.004") {
		t.Errorf("policy show: exit %d\n%s", code, out)
	}
	if code, _, errs := rampart(t, "policy", "show", "aws-nope"); code != exitError || !strings.Contains(errs, `unknown control "aws-nope"`) {
		t.Errorf("policy show unknown: exit %d %s", code, errs)
	}
	if code, out, _ := rampart(t, "version"); code != 0 || !strings.HasPrefix(out, "rampart ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestOutputFileMode(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	if code, _, errs := rampart(t, "eval", example, "-f", "json", "-o", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm()&0o044 == 0 && umask()&0o044 == 0 {
		t.Errorf("report written %v: a temporary file's 0600 leaked through", st.Mode().Perm())
	}
}
