package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/rampart-sec/rampart/snapshot"
)

// ReadReport reads a whole results document (rampart eval --format
// json, rampart.results/v2 or v1), so a report can be rendered again in
// another format without evaluating. A v2 document's results get their
// control's text back from its "controls" section, so every reader sees
// the same results whatever the version. Errors name the file and, for
// bad JSON, the line and column.
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
	if head.Schema == nil || *head.Schema != Schema && *head.Schema != SchemaV1 {
		got := "none"
		if head.Schema != nil {
			got = fmt.Sprintf("%q", *head.Schema)
		}
		return nil, &snapshot.InputError{File: path, Msg: fmt.Sprintf("expected a %q or %q document (rampart eval --format json), found schema %s", Schema, SchemaV1, got)}
	}
	var doc struct {
		Report
		Controls map[string]controlText `json:"controls"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, snapshot.JSONError(path, data, err)
	}
	r := doc.Report
	for _, set := range [][]Result{r.Results, r.Absent} {
		for i := range set {
			if c, ok := doc.Controls[set[i].Control]; ok {
				c.fill(&set[i])
			}
		}
	}
	for i, res := range r.Results {
		if res.ID == "" || res.Control == "" || res.Status == "" {
			return nil, &snapshot.InputError{File: path, Msg: fmt.Sprintf("results[%d]: expected id, control and status", i)}
		}
	}
	return &r, nil
}

// controlText is a control's entry in a v2 document's "controls".
type controlText struct {
	Title       string              `json:"title"`
	Provider    string              `json:"provider"`
	Frameworks  map[string][]string `json:"frameworks"`
	MITRE       []string            `json:"mitre"`
	Remediation string              `json:"remediation"`
	Escalation  string              `json:"escalation"`
}

// fill gives a result the text of its control it does not carry.
func (c controlText) fill(r *Result) {
	if r.Title == "" {
		r.Title = c.Title
	}
	if r.Provider == "" {
		r.Provider = c.Provider
	}
	if r.Frameworks == nil {
		r.Frameworks = c.Frameworks
	}
	if r.MITRE == nil {
		r.MITRE = c.MITRE
	}
	if r.Remediation == "" {
		r.Remediation = c.Remediation
	}
	if r.Escalation == "" {
		r.Escalation = c.Escalation
	}
}
