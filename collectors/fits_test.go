package collectors

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/sysmem"
	"github.com/rampart-sec/rampart/snapshot"
)

// An input too large for the memory available is refused before it is
// read, in one line that says how big it is and what it would need.
func TestOpenRefusesAnInputTooLargeForMemory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(file, []byte(`{"schema": "rampart.snapshot/v1"}`+strings.Repeat(" ", 100_000-33)), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(sysmem.EnvAvailable, "1000000")
	_, err := Open(file, nil, Env{})
	var ie *snapshot.InputError
	want := file + ": too large for the memory available: the file is 100 kB and evaluating it needs about 4.0 MB (40× its size), but 1.0 MB is available (RAMPART_MEMORY_AVAILABLE)"
	if !errors.As(err, &ie) || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got  %v\nwant %s...", err, want)
	}

	// With the memory it needs, the same file is read (and, recognised
	// by no importer here, refused as such).
	t.Setenv(sysmem.EnvAvailable, "4000000")
	if _, err := Open(file, nil, Env{}); err == nil || strings.Contains(err.Error(), "too large") {
		t.Fatalf("got %v, want the file read", err)
	}
}
