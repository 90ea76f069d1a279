package testutil

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what Golden reports instead of
// failing the real test; Fatalf ends the goroutine as the real one does.
type recorder struct {
	testing.TB
	failed []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = append(r.failed, format)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = append(r.failed, format)
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("fatal") }

// golden runs Golden on its own goroutine, so a Fatalf ends only that.
func golden(t *testing.T, path string, got []byte) []string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Golden(r, path, got)
	}()
	<-done
	return r.failed
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.golden")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		path    string
		got     string
		update  bool
		failure string // "" = passes
	}{
		{"equal", path, "one\ntwo\n", false, ""},
		{"different", path, "one\nTWO\n", false, "differs"},
		{"missing", filepath.Join(dir, "none.golden"), "x", false, "-update to create"},
		{"update writes and passes on the first run", filepath.Join(dir, "new", "b.golden"), "fresh\n", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			*update = tc.update
			defer func() { *update = false }()
			failed := golden(t, tc.path, []byte(tc.got))
			switch {
			case tc.failure == "" && len(failed) > 0:
				t.Errorf("failed: %q", failed)
			case tc.failure != "" && (len(failed) != 1 || !strings.Contains(failed[0], tc.failure)):
				t.Errorf("got %q, want one failure containing %q", failed, tc.failure)
			}
			if tc.update {
				if b, err := os.ReadFile(tc.path); err != nil || string(b) != tc.got {
					t.Errorf("-update wrote %q, %v", b, err)
				}
			}
		})
	}
}

func TestFirstDiff(t *testing.T) {
	for _, tc := range []struct {
		name, got, want, has string
	}{
		{"changed line", "a\nb\nc\n", "a\nX\nc\n", "first difference at line 2\ngot:\n     1 | a\n>    2 | b\n"},
		{"got is shorter", "a\n", "a\nb\n", "line 2"},
		{"got is longer", "a\nb\nc", "a\nb", "line 3"},
		{"equal", "a", "a", "(no difference)"},
	} {
		if d := FirstDiff([]byte(tc.got), []byte(tc.want)); !strings.Contains(d, tc.has) {
			t.Errorf("%s: %q lacks %q", tc.name, d, tc.has)
		}
	}
}
