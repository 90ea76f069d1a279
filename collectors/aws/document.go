package aws

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
)

// policyDoc is a policy document as rampart stores it: parsed JSON, or the
// text and why it does not parse.
type policyDoc struct {
	Doc json.RawMessage
	Raw string
	Err string
}

// decodeDocument turns a policy document as IAM or the AWS CLI gives it
// into a policyDoc. IAM's API returns documents URL-encoded (RFC 3986) in a
// string; the AWS CLI decodes them and prints JSON objects; evidence files
// may hold either. The JSON is kept as written (only whitespace is
// compacted): a single-string Action stays a string, so policies see what
// the account holds. A document that does not parse is kept raw with the
// parse error, never dropped.
func decodeDocument(v json.RawMessage) policyDoc {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return policyDoc{}
	}
	if v[0] != '"' {
		return parseDocument(string(v))
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return policyDoc{Raw: string(v), Err: err.Error()}
	}
	return parseDocument(unescapeDocument(s))
}

// unescapeDocument URL-decodes a document unless it is already plain JSON
// (as in CLI output): decoding plain JSON would turn a literal '+' into a
// space.
func unescapeDocument(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		return s
	}
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

func parseDocument(text string) policyDoc {
	var probe any
	if err := json.Unmarshal([]byte(text), &probe); err != nil {
		return policyDoc{Raw: text, Err: err.Error()}
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(text)); err != nil {
		return policyDoc{Raw: text, Err: err.Error()}
	}
	return policyDoc{Doc: buf.Bytes()}
}

// decodeDocumentString is decodeDocument for a document held in a Go string,
// as the SDK returns it.
func decodeDocumentString(s *string) policyDoc {
	if s == nil {
		return policyDoc{}
	}
	return parseDocument(unescapeDocument(*s))
}
