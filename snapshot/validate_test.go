package snapshot

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// snapshotFiles are the snapshots committed in the repository: the bundled
// examples and the collectors' expected snapshots.
var snapshotFiles = []string{
	"../examples/*.json",
	"../collectors/*/testdata/*.json",
}

// TestCommittedSnapshotsMatchSchema validates every committed snapshot
// against the published JSON Schema with an independent validator, so the
// schema users build on describes what rampart really writes.
func TestCommittedSnapshotsMatchSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("rampart.snapshot.v1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("rampart.snapshot.v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, pattern := range snapshotFiles {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data[:min(len(data), 200)], []byte(`"schema": "`+Schema+`"`)) {
				continue // not a snapshot (e.g. an expectations file)
			}
			n++
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s does not match the schema: %v", f, err)
			}
		}
	}
	if n == 0 {
		t.Fatal("no snapshot found to validate")
	}
}

// The validator must reject what the model forbids, or the test above
// proves nothing.
func TestSchemaRejectsWrongSnapshots(t *testing.T) {
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	c := jsonschema.NewCompiler()
	_ = c.AddResource("s.json", doc)
	sch, err := c.Compile("s.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, js := range map[string]string{
		"unknown key":    `{"schema":"rampart.snapshot/v1","collected_at":"2026-01-01T00:00:00Z","collector":{"name":"x","version":"y"},"source":"api","scopes":[],"errors":[],"extra":1}`,
		"wrong version":  `{"schema":"rampart.snapshot/v2","collected_at":"2026-01-01T00:00:00Z","collector":{"name":"x","version":"y"},"source":"api","scopes":[],"errors":[]}`,
		"missing errors": `{"schema":"rampart.snapshot/v1","collected_at":"2026-01-01T00:00:00Z","collector":{"name":"x","version":"y"},"source":"api","scopes":[]}`,
		"bad source":     `{"schema":"rampart.snapshot/v1","collected_at":"2026-01-01T00:00:00Z","collector":{"name":"x","version":"y"},"source":"guess","scopes":[],"errors":[]}`,
	} {
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(js)))
		if sch.Validate(v) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
