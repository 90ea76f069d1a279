package snapshot

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the committed schema from the Go types")

// The committed schema is what users and the engine read; it must be the one
// the Go types produce.
func TestCommittedSchemaIsCurrent(t *testing.T) {
	want, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile(SchemaFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(want, SchemaJSON) {
		t.Fatalf("%s is out of date: run go test ./snapshot -update", SchemaFile)
	}
}
