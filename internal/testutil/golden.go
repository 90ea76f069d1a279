// Package testutil holds the helpers rampart's tests share. It is imported
// by _test.go files only.
package testutil

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is the one -update flag of every test binary that compares with
// golden files: `go test ./reports -update` rewrites them.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/ with what the tests produce")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Golden compares got with the golden file at path. With -update it first
// writes got there (creating the directory), so one run both rewrites and
// passes; the rewritten file is then a diff to review.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the test produced (review, then run the test with -update to accept):\n%s", path, FirstDiff(got, want))
	}
}

// FirstDiff describes where got first differs from want: the line number
// and a few lines of each around it, enough to see the change without
// printing whole files.
func FirstDiff(got, want []byte) string {
	g := strings.Split(string(got), "\n")
	w := strings.Split(string(want), "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	if i == len(g) && i == len(w) {
		return "(no difference)"
	}
	excerpt := func(lines []string) string {
		lo, hi := max(i-2, 0), min(i+3, len(lines))
		var b strings.Builder
		for j := lo; j < hi; j++ {
			mark := " "
			if j == i {
				mark = ">"
			}
			fmt.Fprintf(&b, "%s %4d | %s\n", mark, j+1, lines[j])
		}
		if i >= len(lines) {
			fmt.Fprintf(&b, "> %4d | (end of file)\n", len(lines)+1)
		}
		return b.String()
	}
	return fmt.Sprintf("first difference at line %d\ngot:\n%swant:\n%s", i+1, excerpt(g), excerpt(w))
}
