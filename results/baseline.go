package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// Baseline is the set of result IDs of an earlier results document: what
// was already known when a gate only cares about what is new.
type Baseline map[string]bool

// ReadBaseline reads a rampart.results/v1 document (the JSON report of an
// earlier run). Anything else is an error: a gate that silently took an
// unreadable baseline as empty would fail on every old finding, and one
// that took it as "everything" would pass new ones.
func ReadBaseline(path string) (Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &BaselineError{File: path, Msg: "cannot read: " + err.Error()}
	}
	var doc struct {
		Schema  *string `json:"schema"`
		Results []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, &BaselineError{File: path, Msg: fmt.Sprintf("not a rampart results document (rampart eval --format json): %v", err)}
	}
	if doc.Schema == nil || *doc.Schema != Schema {
		got := "none"
		if doc.Schema != nil {
			got = fmt.Sprintf("%q", *doc.Schema)
		}
		return nil, &BaselineError{File: path, Msg: fmt.Sprintf("expected a %q document (rampart eval --format json), found schema %s", Schema, got)}
	}
	b := Baseline{}
	for i, r := range doc.Results {
		if r.ID == "" {
			return nil, &BaselineError{File: path, Msg: fmt.Sprintf("results[%d] has no id", i)}
		}
		b[r.ID] = true
	}
	return b, nil
}

// BaselineError is a baseline file that cannot be used, with the reason.
type BaselineError struct {
	File string
	Msg  string
}

func (e *BaselineError) Error() string { return e.File + ": " + e.Msg }

// New returns the results whose ID the baseline does not hold.
func (b Baseline) New(rs []Result) []Result {
	var out []Result
	for _, r := range rs {
		if !b[r.ID] {
			out = append(out, r)
		}
	}
	return out
}
