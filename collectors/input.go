// Package collectors holds one collector per source of cloud state — live
// provider APIs (aws/, ...) and files (Terraform plans) — each producing a
// snapshot.Snapshot. This file reads the inputs `rampart eval` accepts.
package collectors

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/rampart-sec/rampart/snapshot"
)

// Open reads a file rampart can evaluate and returns its snapshot and the
// bytes it was read from. The kind of file is recognised by its content,
// never by its name: a file that is neither a snapshot nor a supported
// input is an error, never an empty pass.
func Open(path string) (*snapshot.Snapshot, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, &snapshot.InputError{File: path, Msg: "cannot read: " + err.Error()}
	}
	var head map[string]json.RawMessage
	if err := json.Unmarshal(data, &head); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return nil, nil, &snapshot.InputError{File: path, Msg: fmt.Sprintf("expected a JSON object (a rampart snapshot), found a JSON %s", typ.Value)}
		}
		return nil, nil, snapshot.JSONError(path, data, err)
	}
	if _, ok := head["schema"]; ok {
		s, err := snapshot.Decode(path, data)
		return s, data, err
	}
	return nil, nil, &snapshot.InputError{File: path, Msg: `not a rampart snapshot: expected a "schema" key (` + snapshot.Schema + `)`}
}
