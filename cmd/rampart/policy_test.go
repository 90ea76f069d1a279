package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestPolicyTest(t *testing.T) {
	const testdata = "../../policies/testdata/"
	summary := regexp.MustCompile(`(?m)^([0-9]+) passed, ([0-9]+) failed\n\z`)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		failed string   // failed count on the summary line
		out    []string // in stdout
		errs   string   // in stderr
	}{
		{"built-in tests pass", nil, exitOK, "0", nil, ""},
		{"user tests pass", []string{testdata + "good"}, exitOK, "0", nil, ""},
		{"a user test fails", []string{testdata + "failingtests"}, exitFindings, "2", []string{
			testdata + "failingtests/console_mfa_test.rego:14: data.custom.console_mfa_test.test_user_with_mfa_fails: FAIL\n",
			testdata + "failingtests/console_mfa_test.rego:22: data.custom.console_mfa_test.test_bad_number: ERROR: ",
		}, ""},
		{"--policy-dir counts too", []string{"--policy-dir", testdata + "failingtests"}, exitFindings, "2", nil, ""},
		{"a policy that does not compile", []string{testdata + "typo"}, exitError, "", nil, "typo.rego:12:18: undefined ref: input.aws.acounts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := rampart(t, append([]string{"policy", "test"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, tc.code, out, errs)
			}
			if !strings.Contains(errs, tc.errs) {
				t.Errorf("stderr %q lacks %q", errs, tc.errs)
			}
			if tc.failed == "" {
				return
			}
			m := summary.FindStringSubmatch(out)
			if m == nil || m[2] != tc.failed || m[1] == "0" {
				t.Errorf("summary line: %q, want N passed, %s failed", out, tc.failed)
			}
			for _, want := range tc.out {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

// TestPolicyDirWithAComma: --policy-dir takes each value whole. As a
// comma-separated list flag it split "team,ops" into two directories that
// do not exist.
func TestPolicyDirWithAComma(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "team,ops")
	if err := os.CopyFS(dir, os.DirFS("../../policies/testdata/failingtests")); err != nil {
		t.Fatal(err)
	}
	code, out, errs := rampart(t, "policy", "test", "--policy-dir", dir)
	if code != exitFindings || !strings.HasSuffix(out, "passed, 2 failed\n") {
		t.Fatalf("exit %d, want %d with 2 failed\nstdout %s\nstderr %s", code, exitFindings, out, errs)
	}
}
