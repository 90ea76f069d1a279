package collectors_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/snapshot"
)

// arrayImporter reads JSON arrays of numbers, as an export that is an
// array (gcloud asset list --format=json) is read: Open must not claim
// that every file it reads is an object.
type arrayImporter struct{}

func (arrayImporter) Kind() string   { return "list of numbers" }
func (arrayImporter) Expect() string { return "a list of numbers (a JSON array such as [1, 2])" }
func (arrayImporter) Recognize(f *collectors.Sniff) bool {
	return strings.HasPrefix(strings.TrimSpace(string(f.Data)), "[1")
}
func (arrayImporter) Import(string, []byte, collectors.Env) (*snapshot.Snapshot, error) {
	return &snapshot.Snapshot{Schema: snapshot.Schema}, nil
}

// A file no importer takes is an error naming the file and what each
// importer expects, whatever the JSON value is.
func TestOpenNotRecognized(t *testing.T) {
	importers := []collectors.Importer{collectors.SnapshotImporter{}, arrayImporter{}}
	both := `expected a rampart snapshot (a "schema" key: ` + snapshot.Schema + `); or a list of numbers (a JSON array such as [1, 2])`
	dir := t.TempDir()
	for _, tc := range []struct{ name, content, want string }{
		{"array of something else", `["a", "b"]`, "not a file rampart reads: found a JSON array; " + both},
		{"number", `42`, "not a file rampart reads: found a JSON number; " + both},
		{"string", `"x"`, "not a file rampart reads: found a JSON string; " + both},
		{"object of no known kind", `{"a": 1}`, "not a file rampart reads: " + both},
		{"not JSON", `{"a": `, "1:6: invalid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := collectors.Open(path, importers, collectors.Env{})
			var ie *snapshot.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v, want an InputError", err)
			}
			if !strings.HasPrefix(err.Error(), path+":") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got  %q\nwant %q in it, after the file name", err, tc.want)
			}
		})
	}
	// An array an importer recognises is read.
	path := filepath.Join(dir, "numbers.json")
	if err := os.WriteFile(path, []byte(`[1, 2]`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := collectors.Open(path, importers, collectors.Env{}); err != nil {
		t.Errorf("array importer: %v", err)
	}
}
