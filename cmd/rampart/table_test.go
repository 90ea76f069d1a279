package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rampart-sec/rampart/internal/testutil"
)

// The README's first command, laid out for 80 and 120 columns: every line
// fits, and the output is pinned (go test ./cmd/rampart -update).
func TestExampleTableFitsTheTerminal(t *testing.T) {
	for _, width := range []string{"80", "120"} {
		t.Run(width, func(t *testing.T) {
			t.Setenv("COLUMNS", width)
			code, out, errs := rampart(t, "eval", example, "--config", "../../examples/rampart.yaml")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			w := atoi(t, width)
			for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if n := utf8.RuneCountInString(l); n > w {
					t.Errorf("line %d is %d columns wide, more than %d: %s", i+1, n, w, l)
				}
			}
			testutil.Golden(t, filepath.Join("testdata", "golden", "example.table."+width), []byte(out))
		})
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// --status keeps the listed statuses in every format; the summary still
// counts everything.
func TestStatusFilter(t *testing.T) {
	for _, format := range []string{"json", "sarif", "junit", "markdown", "table"} {
		t.Run(format, func(t *testing.T) {
			t.Setenv("COLUMNS", "100")
			code, out, errs := rampart(t, "eval", guardrails, "-f", format, "--status", "error")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			// aws_iam_role.wild FAILs and aws_iam_policy.tmpl[1] is
			// unknown until apply: only the second may be listed.
			if strings.Contains(out, "aws_iam_role.wild") {
				t.Errorf("--status ERROR lists a FAIL:\n%s", out)
			}
			if !regexp.MustCompile(`aws_iam_user\.ci|aws_instance\.defaults`).MatchString(out) {
				t.Errorf("--status ERROR lists no ERROR:\n%s", out)
			}
		})
	}
	assertBadInput(t, []string{"eval", guardrails, "--status", "FAILED"}, `--status: unknown status "FAILED": expected FAIL, ERROR, WAIVED or PASS`)
}
