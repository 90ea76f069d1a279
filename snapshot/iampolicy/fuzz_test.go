package iampolicy

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse: whatever the text, Parse either keeps it raw with a reason,
// or gives a JSON object that means what the text means — decoded, it is
// the text's value; re-encoded and parsed again, it is the same value
// again — and is already compact (parsing it changes nothing). The same
// text URL-encoded, as IAM's API returns documents, reads the same. Seeds
// are the policy documents of the example snapshots and the Terraform
// plans, and a few malformed ones.
func FuzzParse(f *testing.F) {
	for _, doc := range fixtureDocuments(f) {
		f.Add(doc)
	}
	for _, s := range []string{``, `{}`, `[]`, `"x"`, `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		`{"a": 1e400}`, `{"Statement": [{"Action": "s3:Get+Object"}]}`, `  {"Version": "2012-10-17"}  `, `{"a":1}{"b":2}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := Parse(text)
		if d.Doc == nil {
			if d.Err == "" || d.Raw != text {
				t.Fatalf("refused without the text and a reason: %+v", d)
			}
			return
		}
		var want, got any
		if err := json.Unmarshal([]byte(text), &want); err != nil {
			t.Fatalf("parsed text that is not JSON: %v", err)
		}
		if err := json.Unmarshal(d.Doc, &got); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("the document does not mean what the text means (%v):\n%s\n%s", err, text, d.Doc)
		}
		if _, ok := got.(map[string]any); !ok {
			t.Fatalf("a document that is not an object: %s", d.Doc)
		}
		re, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		var again any
		if d2 := Parse(string(re)); d2.Doc == nil || json.Unmarshal(d2.Doc, &again) != nil || !reflect.DeepEqual(again, want) {
			t.Fatalf("re-encoded, the document parses to another value: %s", re)
		}
		if d3 := Parse(string(d.Doc)); string(d3.Doc) != string(d.Doc) {
			t.Fatalf("parsing a document changed it:\n%s\n%s", d.Doc, d3.Doc)
		}
		esc := url.QueryEscape(text)
		if d4 := DecodeString(&esc); string(d4.Doc) != string(d.Doc) {
			t.Fatalf("URL-encoded, the text reads differently:\n%s\n%s", d.Doc, d4.Doc)
		}
	})
}

// fixtureDocuments are the policy documents (objects under a key naming a
// document or policy) of the example snapshots and the plans' snapshots.
func fixtureDocuments(f *testing.F) []string {
	files, _ := filepath.Glob("../../examples/*.json")
	more, _ := filepath.Glob("../../collectors/terraform/testdata/*.snapshot.json")
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if strings.Contains(key, "document") || strings.Contains(key, "policy") {
				if b, err := json.Marshal(x); err == nil {
					out = append(out, string(b))
				}
			}
			for k, e := range x {
				walk(k, e)
			}
		case []any:
			for _, e := range x {
				walk(key, e)
			}
		}
	}
	for _, p := range append(files, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var v any
		if json.Unmarshal(data, &v) == nil {
			walk("", v)
		}
	}
	if len(out) == 0 {
		f.Fatal("no policy document found in the fixtures")
	}
	return out
}
