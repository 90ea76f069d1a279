package collectors

import (
	"github.com/rampart-sec/rampart/snapshot"
)

// SnapshotImporter reads rampart's own snapshot files (`rampart collect`).
type SnapshotImporter struct{}

// Kind implements Importer.
func (SnapshotImporter) Kind() string { return "rampart snapshot" }

// Expect implements Importer.
func (SnapshotImporter) Expect() string {
	return `a rampart snapshot (a "schema" key: ` + snapshot.Schema + `)`
}

// Recognize implements Importer: a JSON object with a "schema" key.
func (SnapshotImporter) Recognize(f *Sniff) bool {
	obj, ok := f.Object()
	return ok && obj["schema"] != nil
}

// Import implements Importer.
func (SnapshotImporter) Import(file string, data []byte, _ Env) (*snapshot.Snapshot, error) {
	return snapshot.Decode(file, data)
}
