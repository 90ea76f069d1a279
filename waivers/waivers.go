// Package waivers reads a waiver file and applies it to results: a FAIL or
// ERROR matching an approved, unexpired waiver becomes WAIVED, with who
// approved it, why, and until when.
package waivers

import (
	"github.com/rampart-sec/rampart/internal/wildcard"

	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Waiver is one entry of a waiver file.
type Waiver struct {
	// Control is a control ID, exactly.
	Control string
	// Resource is a glob over the result's resource (a Terraform address
	// for plans, an ARN for live scans): * matches any run of characters,
	// ? one character; every other character, [ ] " . / : included, is
	// literal, so module.x.aws_iam_role.y["prod"] is written as is.
	Resource   string
	Reason     string
	ApprovedBy string
	// Expires is the last day (UTC) the waiver applies.
	Expires time.Time
	// File and Line locate the entry, for messages.
	File string
	Line int
}

// keys are the keys of an entry, all required.
var keys = []string{"control", "resource", "reason", "approved_by", "expires"}

// Error is a problem in a waiver file, with its position.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load reads the waiver file at path. known reports whether a control ID
// exists; a waiver naming an unknown control is an error, because a
// misspelt ID would silently waive nothing.
func Load(path string, known func(id string) bool) ([]Waiver, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: path, Msg: "cannot read: " + err.Error()}
	}
	return Parse(path, data, known)
}

// Parse reads waiver file content, naming file in errors.
func Parse(file string, data []byte, known func(id string) bool) ([]Waiver, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil
		}
		return nil, &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	// A second document would be silently ignored by a reader that takes
	// the first, while a reviewer may read the second.
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		line := extra.Line
		if err != nil {
			return nil, &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
		}
		return nil, &Error{File: file, Line: line, Msg: "a second YAML document (after ---): expected one list of waivers"}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.SequenceNode {
		return nil, &Error{File: file, Line: root.Line, Msg: "expected a list of waivers (- control: ..., resource: ..., reason: ..., approved_by: ..., expires: YYYY-MM-DD)"}
	}
	var out []Waiver
	for _, n := range root.Content {
		w, err := parseEntry(file, n, known)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, nil
}

func parseEntry(file string, n *yaml.Node, known func(string) bool) (Waiver, error) {
	w := Waiver{File: file, Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return w, &Error{File: file, Line: n.Line, Msg: "expected a waiver: a mapping with keys " + strings.Join(keys, ", ")}
	}
	vals := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(keys, k.Value) {
			return w, &Error{File: file, Line: k.Line, Msg: fmt.Sprintf("unknown key %q: expected one of %s", k.Value, strings.Join(keys, ", "))}
		}
		if prev, dup := vals[k.Value]; dup {
			return w, &Error{File: file, Line: k.Line, Msg: fmt.Sprintf("duplicate key %q (first at line %d): a waiver says each thing once", k.Value, prev.Line)}
		}
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
			return w, &Error{File: file, Line: v.Line, Msg: fmt.Sprintf("%s: expected a non-empty string", k.Value)}
		}
		vals[k.Value] = v
	}
	for _, k := range keys {
		if vals[k] == nil {
			return w, &Error{File: file, Line: n.Line, Msg: fmt.Sprintf("waiver is missing %q (every waiver needs %s)", k, strings.Join(keys, ", "))}
		}
	}
	w.Control, w.Resource = vals["control"].Value, vals["resource"].Value
	w.Reason, w.ApprovedBy = vals["reason"].Value, vals["approved_by"].Value
	exp := vals["expires"]
	t, err := time.Parse(time.DateOnly, exp.Value)
	if err != nil {
		return w, &Error{File: file, Line: exp.Line, Msg: fmt.Sprintf("expires %q: expected a date YYYY-MM-DD", exp.Value)}
	}
	w.Expires = t
	if known != nil && !known(w.Control) {
		return w, &Error{File: file, Line: vals["control"].Line, Msg: fmt.Sprintf("unknown control %q (see rampart policy list)", w.Control)}
	}
	return w, nil
}

// Expired reports whether the waiver no longer applies at now: it applies
// through the whole of its expiry day, UTC.
func (w Waiver) Expired(now time.Time) bool {
	return !now.UTC().Before(w.Expires.AddDate(0, 0, 1))
}

// Matches reports whether the waiver covers a control's result on a
// resource.
func (w Waiver) Matches(control, resource string) bool {
	return w.Control == control && Glob(w.Resource, resource)
}

// String names a waiver in messages.
func (w Waiver) String() string {
	return fmt.Sprintf("%s:%d (%s on %s)", w.File, w.Line, w.Control, w.Resource)
}

// Glob matches s against pattern: * is any run of characters (none
// included), ? is one character, all else is literal (internal/wildcard,
// the matcher IAM evaluation uses too).
func Glob(pattern, s string) bool { return wildcard.Match(pattern, s) }
