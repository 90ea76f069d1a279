package terraform

import (
	"bytes"
	"encoding/json"
)

// document is a policy document as the snapshot stores it: parsed JSON,
// or null with the raw text and why it is not usable.
type document struct {
	Doc json.RawMessage
	Raw string
	Err string
	// Unknown is true when the document is computed during apply.
	Unknown bool
}

// readDocument reads the policy document in attribute attr of a planned
// resource: a JSON string rendered by Terraform (jsonencode, a heredoc,
// data.aws_iam_policy_document.x.json). An unknown value or one that is
// not JSON is kept as null with the reason, never dropped.
func readDocument(after map[string]any, unknown any, attr, addr string) document {
	if unknownAt(unknown, attr) {
		return document{Err: unknownText(attr, addr), Unknown: true}
	}
	v, present := after[attr]
	if !present || v == nil {
		return document{}
	}
	s, ok := v.(string)
	if !ok {
		// Providers always give documents as strings; a plan edited by
		// hand may hold the object itself.
		b, _ := json.Marshal(v)
		s = string(b)
	}
	return parseDocument(s, attr, addr)
}

// parseDocument parses the text of a document, keeping it as written
// (compacted): a single-string Action stays a string.
func parseDocument(text, attr, addr string) document {
	var probe any
	if err := json.Unmarshal([]byte(text), &probe); err != nil {
		return document{Raw: text, Err: attr + " of " + addr + " is not JSON: " + err.Error()}
	}
	if _, ok := probe.(map[string]any); !ok {
		return document{Raw: text, Err: attr + " of " + addr + " is not a JSON object"}
	}
	var buf bytes.Buffer
	_ = json.Compact(&buf, []byte(text))
	return document{Doc: buf.Bytes()}
}

// present reports whether the document says anything (parsed or not).
func (d document) present() bool { return d.Doc != nil || d.Err != "" }
