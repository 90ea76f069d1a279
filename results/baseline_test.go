package results

import (
	"strings"
	"testing"
)

func TestBaseline(t *testing.T) {
	b, err := ReadBaseline("testdata/baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	got := b.New([]Result{{ID: "aaa"}, {ID: "ccc"}})
	if len(got) != 1 || got[0].ID != "ccc" {
		t.Errorf("new results: %+v", got)
	}
	for file, want := range map[string]string{
		"testdata/not-results.json": `expected a "rampart.results/v1" document (rampart eval --format json), found schema "rampart.snapshot/v1"`,
		"testdata/truncated.json":   "not a rampart results document",
		"testdata/missing.json":     "cannot read: no such file or directory",
	} {
		if _, err := ReadBaseline(file); err == nil || !strings.Contains(err.Error(), file+": ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", file, err, want)
		}
	}
}
