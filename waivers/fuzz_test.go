package waivers

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: a file either is refused with an Error naming it, or every
// waiver it yields is complete (the four texts non-empty, a date).
func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/waivers.yaml", "../cmd/rampart/testdata/waivers-plan.yaml", "../cmd/rampart/testdata/waivers-bad-date.yaml"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, err := Parse("w.yaml", data, func(string) bool { return true })
		if err != nil {
			if e, ok := err.(*Error); !ok || e.File != "w.yaml" {
				t.Fatalf("error %T %v does not name the file", err, err)
			}
			return
		}
		for _, w := range ws {
			if strings.TrimSpace(w.Control) == "" || strings.TrimSpace(w.Resource) == "" || strings.TrimSpace(w.Reason) == "" ||
				strings.TrimSpace(w.ApprovedBy) == "" || w.Expires.IsZero() {
				t.Fatalf("incomplete waiver accepted: %+v", w)
			}
		}
	})
}

// FuzzGlob checks Glob against properties any glob must have: a pattern
// without wildcards matches only itself; "*" matches everything; a match
// survives a "*" added in front of the pattern and text in front of s; a
// pattern matches the string it becomes with each wildcard replaced by
// literal text.
func FuzzGlob(f *testing.F) {
	f.Add("arn:aws:iam::*:role/ops-*", "arn:aws:iam::111111111111:role/ops-admin", "x")
	f.Add(`module.x.aws_iam_role.y[*]`, `module.x.aws_iam_role.y["*"]`, "*")
	f.Add("*", "*0", "")
	f.Fuzz(func(t *testing.T, pattern, s, fill string) {
		// Resources and patterns are text: Glob works on characters.
		if len(pattern) > 64 || len(s) > 64 || len(fill) > 16 || !utf8.ValidString(pattern) || !utf8.ValidString(s) || !utf8.ValidString(fill) {
			return
		}
		if !strings.ContainsAny(pattern, "*?") && Glob(pattern, s) != (pattern == s) {
			t.Fatalf("literal Glob(%q, %q) = %v", pattern, s, Glob(pattern, s))
		}
		if !Glob("*", s) {
			t.Fatalf(`Glob("*", %q) = false`, s)
		}
		if Glob(pattern, s) && !Glob("*"+pattern, fill+s) {
			t.Fatalf("Glob(%q, %q) but not Glob(%q, %q)", pattern, s, "*"+pattern, fill+s)
		}
		if strings.ContainsRune(fill, '?') {
			return
		}
		filled := strings.ReplaceAll(pattern, "*", fill)
		if one := []rune(fill); len(one) == 1 {
			filled = strings.ReplaceAll(filled, "?", fill)
		} else if strings.Contains(pattern, "?") {
			return
		}
		if !Glob(pattern, filled) {
			t.Fatalf("Glob(%q, %q) = false: the pattern with its wildcards filled in", pattern, filled)
		}
	})
}
