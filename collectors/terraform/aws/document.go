package aws

import (
	"encoding/json"
	"errors"
	tf "github.com/rampart-sec/rampart/collectors/terraform"

	"github.com/rampart-sec/rampart/snapshot/iampolicy"
)

// document is a policy document of a planned resource: what
// iampolicy.Document holds, and whether it is computed during apply.
type document struct {
	iampolicy.Document
	// Unknown is true when the document is computed during apply.
	Unknown bool
}

// readDocument reads the policy document in attribute attr of a planned
// resource: a JSON string rendered by Terraform (jsonencode, a heredoc,
// data.aws_iam_policy_document.x.json). An unknown value or one that is
// not a JSON object is kept as null with the reason, never dropped; the
// reason names the attribute and the resource, which a plan's reviewer
// needs to find it.
func readDocument(after tf.Values, unknown any, attr, addr string) document {
	if tf.UnknownAt(unknown, attr) {
		return document{Document: iampolicy.Document{Err: tf.UnknownText(attr, addr)}, Unknown: true}
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
	doc, err := iampolicy.Compact(s)
	switch {
	case errors.Is(err, iampolicy.ErrNotObject):
		return document{Document: iampolicy.Document{Raw: s, Err: attr + " of " + addr + " is not a JSON object"}}
	case err != nil:
		return document{Document: iampolicy.Document{Raw: s, Err: attr + " of " + addr + " is not JSON: " + err.Error()}}
	}
	return document{Document: iampolicy.Document{Doc: doc}}
}
