package policies

import (
	"io/fs"
	"path/filepath"
	"testing"
)

// A .rego file under policies/ that is not embedded would be silently
// missing from the binary: a folder left out of the go:embed line, or a
// file name go:embed skips (one starting with "." or "_").
func TestEveryRegoFileIsEmbedded(t *testing.T) {
	n := 0
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p == "testdata" {
			return fs.SkipDir
		}
		if d.IsDir() || filepath.Ext(p) != ".rego" {
			return nil
		}
		n++
		if _, err := fs.Stat(builtinFS, filepath.ToSlash(p)); err != nil {
			t.Errorf("%s is not embedded: its folder is missing from the go:embed line of embed.go, or go:embed skips its name", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("found no .rego file under policies/")
	}
}
