package iampolicy

import (
	"encoding/json"
	"errors"
	"testing"
)

// Decode covers the forms the live API, the CLI and evidence files give.
// The "not an object" rows are where the AWS and Terraform parsers had
// drifted: the AWS one stored a JSON array or string as a document, the
// Terraform one refused it. A control must never meet a document that is
// not an object, so both now refuse it (the stricter behaviour).
func TestDecode(t *testing.T) {
	tests := []struct {
		name, in      string
		doc, raw, err string
	}{
		{"url-encoded string", `"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"`, `{"Version":"2012-10-17","Statement":[]}`, "", ""},
		{"plus and percent survive", `"%7B%22Resource%22%3A%22a%2Bb%20c%25d%22%7D"`, `{"Resource":"a+b c%d"}`, "", ""},
		{"CLI object kept as written", `{"Statement": {"Action": "s3:GetObject"}}`, `{"Statement":{"Action":"s3:GetObject"}}`, "", ""},
		{"plain JSON string is not unescaped", `"{\"Resource\":\"a+b\"}"`, `{"Resource":"a+b"}`, "", ""},
		{"does not parse: kept raw", `"%7B%22Statement%22%3A"`, "", `{"Statement":`, "unexpected end of JSON input"},
		{"not an object: array", `[{"Effect":"Allow"}]`, "", `[{"Effect":"Allow"}]`, "not a JSON object"},
		{"not an object: encoded array", `"%5B1%5D"`, "", `[1]`, "not a JSON object"},
		{"not an object: number", `"42"`, "", `42`, "not a JSON object"},
		{"number beyond float64", `{"Version":1e999}`, "", `{"Version":1e999}`, "json: cannot unmarshal number 1e999 into Go value of type float64"},
		{"null", `null`, "", "", ""},
		{"nothing", ``, "", "", ""},
		{"not a JSON string", `"abc`, "", `"abc`, "unexpected end of JSON input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decode(json.RawMessage(tt.in))
			if string(d.Doc) != tt.doc || d.Raw != tt.raw || d.Err != tt.err {
				t.Errorf("got doc %s raw %q err %q; want doc %s raw %q err %q", d.Doc, d.Raw, d.Err, tt.doc, tt.raw, tt.err)
			}
			if d.Present() != (tt.doc != "" || tt.err != "") {
				t.Errorf("Present() = %v", d.Present())
			}
		})
	}
}

func TestDecodeString(t *testing.T) {
	enc := "%7B%22Action%22%3A%22s3%3AGet%2A%22%7D"
	for _, tc := range []struct {
		name string
		in   *string
		doc  string
	}{
		{"nil is no document", nil, ""},
		{"URL-encoded", &enc, `{"Action":"s3:Get*"}`},
	} {
		if d := DecodeString(tc.in); string(d.Doc) != tc.doc || d.Err != "" {
			t.Errorf("%s: got %s %q", tc.name, d.Doc, d.Err)
		}
	}
}

// Compact tells "not JSON" from "not an object", so a caller can word
// each (the Terraform mapper names the attribute and resource).
func TestCompactErrors(t *testing.T) {
	for _, tc := range []struct {
		in        string
		notObject bool
	}{
		{`[]`, true},
		{`"s"`, true},
		{`{"a":`, false},
		{`nope`, false},
	} {
		_, err := Compact(tc.in)
		if err == nil || errors.Is(err, ErrNotObject) != tc.notObject {
			t.Errorf("Compact(%s) = %v", tc.in, err)
		}
	}
	if doc, err := Compact(" {\n \"a\" : [ 1 , \"b\" ] }\n"); err != nil || string(doc) != `{"a":[1,"b"]}` {
		t.Errorf("Compact = %s %v", doc, err)
	}
}
