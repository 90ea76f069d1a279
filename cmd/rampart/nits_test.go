package main

import (
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// The small things a new user trips over, one case each.
func TestFirstContact(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		code      int
		stdout    string // a prefix of stdout
		stderr    string // contained in stderr
		notStderr string
	}{
		{"--version", []string{"--version"}, exitOK, "rampart ", "", ""},
		{"version", []string{"version"}, exitOK, "rampart ", "", ""},
		{"one prefix on a flag error", []string{"eval", example, "--frobnicate"}, exitError, "",
			"rampart eval: unknown flag: --frobnicate (see rampart eval --help)\n", "rampart: rampart"},
		{"one prefix on an argument error", []string{"eval"}, exitError, "", "rampart eval: expected one input file", "rampart: rampart"},
		{"policy show of an unknown ID", []string{"policy", "show", "aws-nope"}, exitError, "",
			`rampart policy show: unknown control "aws-nope": rampart policy list shows the IDs`, "--control"},
		{"policy show suggests", []string{"policy", "show", "aws-guardduty"}, exitError, "", "did you mean aws-guardduty-enabled?", ""},
		{"policy show without an ID", []string{"policy", "show"}, exitError, "",
			"rampart policy show: expected one control ID, got 0 arguments (rampart policy list shows the IDs)", "accepts 1 arg"},
		{"policy show in any case", []string{"policy", "show", "AWS-Root-MFA"}, exitOK, "aws-root-mfa  (critical)", "", ""},
		{"--fail-on in any case", []string{"eval", example, "--fail-on", "CRITICAL", "--control", "aws-billing-alarm"}, exitOK, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := rampart(t, tc.args...)
			if code != tc.code || !strings.HasPrefix(out, tc.stdout) || !strings.Contains(errs, tc.stderr) || tc.notStderr != "" && strings.Contains(errs, tc.notStderr) {
				t.Errorf("exit %d (want %d)\nstdout %q\nstderr %q", code, tc.code, out, errs)
			}
		})
	}
}

// --fail-on's help and its error name the same severities.
func TestFailOnHelpMatchesItsError(t *testing.T) {
	_, help, _ := rampart(t, "eval", "--help")
	_, _, errs := rampart(t, "eval", example, "--fail-on", "severe")
	const all = "critical, high, medium, low, info"
	if !strings.Contains(help, "exit 1 when a FAIL at or above this severity exists: "+all) || !strings.Contains(errs, "expected one of "+all) {
		t.Errorf("help:\n%s\nerror: %s", help, errs)
	}
}

// --tf-dir belongs to plans: eval has it, the scan commands do not, and
// scan --help needs no flag of eval's to print.
func TestScanHelpHasNoTfDir(t *testing.T) {
	code, help, errs := rampart(t, "scan", "aws", "--help")
	if code != exitOK || strings.Contains(help, "--tf-dir") || !strings.Contains(help, "--fail-on") {
		t.Errorf("scan aws --help: exit %d %s\n%s", code, errs, help)
	}
	if _, help, _ := rampart(t, "eval", "--help"); !strings.Contains(help, "--tf-dir") {
		t.Error("eval --help lacks --tf-dir")
	}
}

// The version comes from -ldflags, else the module version `go install`
// records, else the commit Go stamps.
func TestVersionFromBuildInfo(t *testing.T) {
	deps := []*debug.Module{{Path: "github.com/open-policy-agent/opa", Version: "v1.22.2"}}
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-11-30T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}
	for _, tc := range []struct {
		name, set string
		info      debug.BuildInfo
		want      string
	}{
		{"ldflags", "v1.0.0", debug.BuildInfo{Main: debug.Module{Version: "v0.9.0"}, Deps: deps, Settings: vcs}, "v1.0.0 (OPA v1.22.2)"},
		{"go install module@version", "", debug.BuildInfo{Main: debug.Module{Version: "v0.9.0"}, Deps: deps, Settings: vcs}, "v0.9.0 (OPA v1.22.2)"},
		{"a checkout", "", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Deps: deps, Settings: vcs}, "devel 0123456789ab (2026-11-30T10:00:00Z, modified) (OPA v1.22.2)"},
		{"no VCS", "", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel (built without version control information) (OPA unknown)"},
	} {
		if got := describeBuild(tc.set, &tc.info); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// Inputs that are almost right get a message that says what to do.
func TestAlmostRightInputs(t *testing.T) {
	for _, tc := range []struct{ name, file, want string }{
		{"terraform show text", "testdata/plan-show.txt", "testdata/plan-show.txt: this is the text output of `terraform show` or `terraform plan`: run `terraform show -json PLANFILE > plan.json` and evaluate plan.json"},
		{"binary plan", "testdata/plan.tfplan", "testdata/plan.tfplan: this is a binary Terraform plan file (terraform plan -out): run `terraform show -json PLANFILE > plan.json`"},
		{"plan of the wrong shape", "testdata/plan-shape.json", "testdata/plan-shape.json:8:24: resource_changes.change: expected a JSON object, found a string"},
		{"a time that is not one", "testdata/bad-time.json", `testdata/bad-time.json:3:19: collected_at: expected an RFC 3339 time such as 2026-01-31T00:00:00Z, found "last tuesday"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertBadInput(t, []string{"eval", tc.file}, tc.want)
			_, _, errs := rampart(t, "eval", tc.file)
			for _, goType := range []string{"struct {", "[]string", "map[string]", "invalid character"} {
				if strings.Contains(errs, goType) {
					t.Errorf("message shows %q: %s", goType, errs)
				}
			}
		})
	}
}

// A report written with -o is announced on a terminal, and only there.
func TestOutputIsAnnounced(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.md")
	onTerminal(t, true)
	if code, _, errs := rampart(t, "eval", example, "-f", "markdown", "-o", out); code != exitOK || errs != "rampart: report written to "+out+"\n" {
		t.Errorf("on a terminal: exit %d, stderr %q", code, errs)
	}
	onTerminal(t, false)
	if code, _, errs := rampart(t, "eval", example, "-f", "markdown", "-o", out); code != exitOK || errs != "" {
		t.Errorf("off a terminal: exit %d, stderr %q", code, errs)
	}
}
