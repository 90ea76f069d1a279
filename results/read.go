package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/rampart-sec/rampart/snapshot"
)

// ReadReport reads a whole rampart.results/v1 document (rampart eval
// --format json), so a report can be rendered again in another format
// without evaluating. Errors name the file and, for bad JSON, the line
// and column.
func ReadReport(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &snapshot.InputError{File: path, Msg: "cannot read: " + err.Error()}
	}
	var head struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, snapshot.JSONError(path, data, err)
	}
	if head.Schema == nil || *head.Schema != Schema {
		got := "none"
		if head.Schema != nil {
			got = fmt.Sprintf("%q", *head.Schema)
		}
		return nil, &snapshot.InputError{File: path, Msg: fmt.Sprintf("expected a %q document (rampart eval --format json), found schema %s", Schema, got)}
	}
	var r Report
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		return nil, snapshot.JSONError(path, data, err)
	}
	for i, res := range r.Results {
		if res.ID == "" || res.Control == "" || res.Status == "" {
			return nil, &snapshot.InputError{File: path, Msg: fmt.Sprintf("results[%d]: expected id, control and status", i)}
		}
	}
	return &r, nil
}
