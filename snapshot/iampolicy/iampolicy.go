// Package iampolicy reads AWS IAM policy documents (identity policies,
// trust policies, SCPs) into the form the snapshot stores them in: the
// JSON as written, compacted, or the text and why it is not a policy
// document. Every source of AWS policies — the live API, offline evidence,
// Terraform plans — parses through it, so one document reads the same
// whichever way it arrived. It depends on no AWS SDK.
package iampolicy

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
)

// ErrNotObject is why a document that is valid JSON but not a JSON object
// (an array, a string, a number) is refused: IAM documents are objects,
// and a control reading one must not meet anything else.
var ErrNotObject = errors.New("not a JSON object")

// Document is a policy document as the snapshot stores it: Doc holds the
// parsed JSON; when the text is not a policy document Doc is nil, Raw
// keeps the text and Err says why. An empty Document means "no document".
type Document struct {
	Doc json.RawMessage
	Raw string
	Err string
}

// Present reports whether the document says anything, parsed or not.
func (d Document) Present() bool { return d.Doc != nil || d.Err != "" }

// Compact checks that text is a JSON object and returns it compacted, as
// written otherwise: a single-string Action stays a string, so policies
// see what the account holds. The error is the JSON decoder's when text is
// not JSON, ErrNotObject when it is JSON of another kind.
func Compact(text string) (json.RawMessage, error) {
	// Decoding into any (not only json.Valid) also refuses what Go cannot
	// represent, such as a number beyond float64, as the engine would.
	var probe any
	if err := json.Unmarshal([]byte(text), &probe); err != nil {
		return nil, err
	}
	if _, ok := probe.(map[string]any); !ok {
		return nil, ErrNotObject
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(text)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Parse reads the text of a document. One that is not a policy document is
// kept raw with the reason, never dropped.
func Parse(text string) Document {
	doc, err := Compact(text)
	if err != nil {
		return Document{Raw: text, Err: err.Error()}
	}
	return Document{Doc: doc}
}

// Decode reads a document as IAM or the AWS CLI gives it. IAM's API
// returns documents URL-encoded (RFC 3986) in a JSON string; the AWS CLI
// decodes them and prints JSON objects; evidence files may hold either.
// null or nothing is no document.
func Decode(v json.RawMessage) Document {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return Document{}
	}
	if v[0] != '"' {
		return Parse(string(v))
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return Document{Raw: string(v), Err: err.Error()}
	}
	return Parse(Unescape(s))
}

// DecodeString is Decode for a document held in a Go string, as the SDK
// returns it; nil is no document.
func DecodeString(s *string) Document {
	if s == nil {
		return Document{}
	}
	return Parse(Unescape(*s))
}

// Unescape URL-decodes a document unless it is already plain JSON (as in
// CLI output): decoding plain JSON would turn a literal '+' into a space.
// Text that does not URL-decode is returned as it is.
func Unescape(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		return s
	}
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}
