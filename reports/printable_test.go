package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/results"
)

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"module.x.aws_iam_role.y[\"prod\"]", "module.x.aws_iam_role.y[\"prod\"]"},
		{"role[\"\x1b[2J\x1b[31mok\"]", `role["\x1b[2J\x1b[31mok"]`},
		{"a\rb\nc\td", "a\\rb\nc\td"},
		{"del\x7f c1\u0085", `del\x7f c1\x85`},
		{"user/\u202eexe.txt", `user/\u202eexe.txt`},
		{"ünïcødé ✓", "ünïcødé ✓"},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A for_each key with ESC and CR cannot repaint the terminal nor rewrite a
// line of the table or of a Markdown comment; JSON keeps the text exact.
func TestControlCharactersAreEscapedInTableAndMarkdown(t *testing.T) {
	hostile := "aws_iam_role.r[\"\x1b[2K\rall clear\"]"
	r := &results.Report{
		Schema: results.Schema,
		Results: []results.Result{{ID: "1", Control: "aws-x", Title: "X", Severity: results.High, Status: results.Fail,
			Provider: "aws", Account: "111111111111", Resource: hostile, Message: "bad\x1b]0;title\x07", Evidence: map[string]any{"key": hostile}}},
	}
	r.Summary = results.Summarize([]results.Control{{ID: "aws-x", Title: "X", Severity: results.High}}, r.Results)
	for name, rep := range map[string]Reporter{"table": &Table{Width: 100}, "markdown": Markdown{}} {
		var b bytes.Buffer
		if err := rep.Write(&b, r); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.ContainsAny(out, "\x1b\r\x07") {
			t.Errorf("%s output holds a control character:\n%q", name, out)
		}
		if !strings.Contains(out, `\x1b[`) || !strings.Contains(out, `\rall clear`) {
			t.Errorf("%s output does not show the escaped key:\n%s", name, out)
		}
	}
	if r.Results[0].Resource != hostile {
		t.Error("the report itself was changed: JSON must keep the exact text")
	}
}
