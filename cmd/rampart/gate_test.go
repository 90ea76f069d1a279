package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// onTerminal makes the CLI believe a person watches stderr for one test.
func onTerminal(t *testing.T, yes bool) {
	t.Helper()
	prev := stderrIsTerminal
	stderrIsTerminal = func() bool { return yes }
	t.Cleanup(func() { stderrIsTerminal = prev })
}

// When --fail-on trips, stderr says why in one line whatever the format:
// the count, the three most severe findings, and where the report went.
func TestGateExplainsItself(t *testing.T) {
	for _, format := range []string{"table", "json", "sarif", "junit", "markdown"} {
		t.Run(format, func(t *testing.T) {
			onTerminal(t, false)
			out := filepath.Join(t.TempDir(), "report."+format)
			code, stdout, stderr := rampart(t, "eval", guardrails, "-f", format, "--fail-on", "high", "-o", out)
			if code != exitFindings {
				t.Fatalf("exit %d, want 1: %s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q: the report went to -o", stdout)
			}
			// 2 critical and 6 high FAILs in the plan; the criticals
			// come first.
			want := "rampart: gate failed: 8 findings at or above high: aws-oidc-trust-unrestricted (critical) module.ci.aws_iam_role.deploy[\"dev\"], " +
				"aws-trust-wildcard-principal (critical) aws_iam_role.wild, aws-admin-policy-attached (high) aws_iam_role.self, and 5 more; report: " + out + "\n"
			if stderr != want {
				t.Errorf("stderr\n%q\nwant\n%q", stderr, want)
			}
		})
	}
	t.Run("report on stdout", func(t *testing.T) {
		onTerminal(t, false)
		code, _, stderr := rampart(t, "eval", guardrails, "-f", "sarif", "--fail-on", "critical")
		if code != exitFindings || !strings.HasPrefix(stderr, "rampart: gate failed: 2 findings at or above critical: ") || !strings.HasSuffix(stderr, "; report: stdout\n") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}

// A gate that passes is silent in CI and says so to a person.
func TestGatePassed(t *testing.T) {
	args := []string{"eval", example, "--control", "aws-multiple-active-keys", "-f", "json", "--fail-on", "medium"}
	onTerminal(t, false)
	if code, _, stderr := rampart(t, args...); code != exitOK || stderr != "" {
		t.Errorf("off a terminal: exit %d, stderr %q", code, stderr)
	}
	onTerminal(t, true)
	out := filepath.Join(t.TempDir(), "r.json")
	code, _, stderr := rampart(t, append(args, "-o", out)...)
	want := "rampart: report written to " + out + "\nrampart: gate passed: no FAIL at or above medium\n"
	if code != exitOK || stderr != want {
		t.Errorf("on a terminal: exit %d, stderr\n%q\nwant\n%q", code, stderr, want)
	}
}
