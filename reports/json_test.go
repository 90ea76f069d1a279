package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/results"
)

// The hand-written encoder writes what encoding/json would.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "tab\tnewline\nreturn\r", "\x00\x01\x1f", "<html> & co",
		"é ü 日本", "bad \xff utf-8", "line\u2028sep\u2029", "arn:aws:iam::111111111111:role/x"} {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func TestAppendValueMatchesEncodingJSON(t *testing.T) {
	for _, v := range []any{
		nil, true, 3.0, 2.5, -7.0, 1e20, json.Number("12"), "s",
		[]any{1.0, "a", nil, map[string]any{"b": 1.0, "a": []any{}}},
		map[string]any{"z": "last", "a": "first", "m": map[string]any{"y": false, "x": true}},
		[]string{"a", "b"},
		map[string]string{"k": "v"},
	} {
		want, _ := json.Marshal(v)
		if got := appendValue(nil, v); string(got) != string(want) {
			t.Errorf("%v: got %s, want %s", v, got, want)
		}
	}
}

// The JSON report parses, names each result's control in "controls" with
// its text once, and keeps every other key of a result.
func TestJSONReport(t *testing.T) {
	r := baselineReport()
	var b bytes.Buffer
	if err := (JSON{Rules: ciOptions().Rules}).Write(&b, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema   string
		Controls map[string]struct {
			Title, Remediation string
			MITRE              []string
		}
		Results []map[string]any
		Absent  []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if doc.Schema != "rampart.results/v2" {
		t.Errorf("schema %q", doc.Schema)
	}
	if c := doc.Controls["aws-root-mfa"]; c.Remediation != "Enable MFA on the root user." || len(c.MITRE) != 1 {
		t.Errorf("controls: %+v", doc.Controls)
	}
	if len(doc.Results) != len(r.Results) || len(doc.Absent) != 1 {
		t.Fatalf("%d results, %d absent", len(doc.Results), len(doc.Absent))
	}
	for i, res := range doc.Results {
		if _, ok := doc.Controls[res["control"].(string)]; !ok {
			t.Errorf("result %d names a control not in controls: %v", i, res["control"])
		}
		for _, k := range []string{"id", "control", "severity", "status", "provider", "account", "region", "resource", "resource_type", "message", "evidence"} {
			if _, ok := res[k]; !ok {
				t.Errorf("result %d lacks %q", i, k)
			}
		}
		for _, k := range []string{"title", "remediation", "frameworks", "mitre", "escalation"} {
			if _, ok := res[k]; ok {
				t.Errorf("result %d repeats its control's %q", i, k)
			}
		}
		want := r.Results[i]
		if res["id"] != want.ID || res["message"] != want.Message || res["baseline"] != string(want.Baseline) && want.Baseline != "" {
			t.Errorf("result %d: %v, want %+v", i, res, want)
		}
		ev, _ := json.Marshal(want.Evidence)
		got, _ := json.Marshal(res["evidence"])
		if want.Evidence != nil && !reflect.DeepEqual(string(ev), string(got)) {
			t.Errorf("evidence %s, want %s", got, ev)
		}
	}
	// One result per line: grep and head work on a large report.
	if n := strings.Count(b.String(), "\n    {\"id\":"); n != len(r.Results)+len(r.Absent) {
		t.Errorf("%d result lines", n)
	}
}

// A v2 report read back gives each result its control's text again: the
// other formats render it as if it were evaluated now.
func TestJSONReadsBack(t *testing.T) {
	r := sampleReport()
	var b bytes.Buffer
	if err := (JSON{}).Write(&b, r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := results.ReadReport(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Results) != len(r.Results) {
		t.Fatalf("%d results read back, %d written", len(back.Results), len(r.Results))
	}
	// The engine gives every result of a control the same text; the
	// sample leaves it out of some, which get it back from the control.
	text := map[string]results.Result{}
	for _, res := range r.Results {
		if res.Remediation != "" {
			text[res.Control] = res
		}
	}
	for i, want := range r.Results {
		got, c := back.Results[i], text[want.Control]
		if got.ID != want.ID || got.Title != want.Title || got.Message != want.Message || got.Remediation != c.Remediation ||
			got.Escalation != c.Escalation || strings.Join(got.MITRE, ",") != strings.Join(c.MITRE, ",") {
			t.Errorf("result %d read back as %+v, written %+v", i, got, want)
		}
	}
}
