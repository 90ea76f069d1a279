package collectors

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// Input is a file ready for evaluation.
type Input struct {
	Snapshot *snapshot.Snapshot
	// JSON is the snapshot as JSON when the file was a snapshot; nil when
	// it was mapped from another format (the engine encodes it).
	JSON []byte
	// Digest is the SHA-256 of the file as read: the evidence a report
	// is tied to.
	Digest string
	// Undated is true when the file carries no time of its own (a plan
	// of Terraform before 1.5): the snapshot is dated by Env.Now, else
	// when it was read.
	Undated bool
	// Shard is set when the input was collected for one shard of a
	// sharded scan ("i/n"): owning none of the scopes is then a possible
	// outcome (four shards of a five-account organization), not an error.
	Shard string
}

// Open reads a file rampart can evaluate, of any kind one of importers
// recognises. A file that none recognises is an error naming what was
// expected, never an empty pass.
func Open(path string, importers []Importer, env Env) (*Input, error) {
	if err := fits(path); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &snapshot.InputError{File: path, Msg: "cannot read: " + err.Error()}
	}
	f := NewSniff(data)
	for _, im := range importers {
		if !im.Recognize(f) {
			continue
		}
		s, err := im.Import(path, data, env)
		if err != nil {
			return nil, err
		}
		in := &Input{Snapshot: s, Digest: snapshot.Digest(data)}
		if d, ok := im.(Dater); ok {
			in.Undated = !d.Dated(f)
		}
		if _, ok := im.(SnapshotImporter); ok {
			in.JSON = data
		}
		return in, nil
	}
	return nil, notRecognized(path, f, importers)
}

// notRecognized explains why no importer took the file: not JSON at all
// (with the position), a JSON value of another kind than an object, or an
// object of no known kind. What was expected is each importer's own
// Expect: an export may be a JSON array, so no one shape is claimed for
// all of them.
func notRecognized(path string, f *Sniff, importers []Importer) error {
	if err := f.err(); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return &snapshot.InputError{File: path, Msg: fmt.Sprintf("not a file rampart reads: found a JSON %s; expected %s", typ.Value, expectations(importers))}
		}
		// Not JSON at all: an importer may know what it is instead (the
		// text or the binary form of a Terraform plan).
		if hint := hintFor(f, importers); hint != "" {
			return &snapshot.InputError{File: path, Msg: hint}
		}
		return snapshot.JSONError(path, f.Data, err)
	}
	if hint := hintFor(f, importers); hint != "" {
		return &snapshot.InputError{File: path, Msg: hint}
	}
	return &snapshot.InputError{File: path, Msg: "not a file rampart reads: expected " + expectations(importers)}
}

// expectations joins what each importer expects.
func expectations(importers []Importer) string {
	expected := make([]string, len(importers))
	for i, im := range importers {
		expected[i] = im.Expect()
	}
	return strings.Join(expected, "; or ")
}

// hintFor is the first hint of the importers about a file none reads.
func hintFor(f *Sniff, importers []Importer) string {
	for _, im := range importers {
		if h, ok := im.(Hinter); ok {
			if hint := h.Hint(f); hint != "" {
				return hint
			}
		}
	}
	return ""
}
