package policies

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestRego runs every built-in policy's Rego unit tests the way `rampart
// policy test` does.
func TestRego(t *testing.T) {
	sum, out := builtinTests(t)
	if sum.Failed > 0 {
		t.Errorf("Rego tests failed:\n%s", out)
	}
	if sum.Passed == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Log(strings.TrimSpace(out))
}

func TestRunTestsReportsFailures(t *testing.T) {
	builtin, _ := builtinTests(t)
	for _, tc := range []struct {
		name           string
		dir            string
		passed, failed int
		lines          []string // before the summary line
	}{
		{"passing user tests", "testdata/good", 1, 0, nil},
		{"failing and erroring user tests", "testdata/failingtests", 1, 2, []string{
			"testdata/failingtests/console_mfa_test.rego:14: data.custom.console_mfa_test.test_user_with_mfa_fails: FAIL",
			`    results: {{"account": "111111111111", "message": "user a console MFA", "resource": "arn:aws:iam::111111111111:user/a", "resource_type": "AWS::IAM::User", "status": "PASS"}}`,
			"testdata/failingtests/console_mfa_test.rego:22: data.custom.console_mfa_test.test_bad_number: ERROR: ",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			sum, err := RunTests(context.Background(), TestOptions{Config: defaultConfig(), PolicyDirs: []string{tc.dir}}, &out)
			if err != nil {
				t.Fatal(err)
			}
			if want := (TestSummary{Passed: builtin.Passed + tc.passed, Failed: tc.failed}); sum != want {
				t.Errorf("summary %+v, want %+v", sum, want)
			}
			got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(got) != len(tc.lines)+1 {
				t.Fatalf("output:\n%s\nwant %d lines", out.String(), len(tc.lines)+1)
			}
			for i, want := range tc.lines {
				if !strings.HasPrefix(got[i], want) {
					t.Errorf("line %d: %q, want it to start with %q", i+1, got[i], want)
				}
			}
			if last, want := got[len(got)-1], fmt.Sprintf("%d passed, %d failed", builtin.Passed+tc.passed, tc.failed); last != want {
				t.Errorf("last line %q, want %q", last, want)
			}
		})
	}
}
