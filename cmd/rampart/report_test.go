package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/policies"
)

// exampleResults writes the example's results (eval --format json) to a
// temporary file.
func exampleResults(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "results.json")
	if code, _, errs := rampart(t, "eval", example, "--config", "../../examples/rampart.yaml", "-f", "json", "-o", out); code != exitOK {
		t.Fatalf("eval: exit %d: %s", code, errs)
	}
	return out
}

func TestReportFromResultsFile(t *testing.T) {
	res := exampleResults(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"html", []string{"1. Executive summary", "<strong>61 findings</strong>", "Why it matters: The root user can do anything", "rampart report " + res + " -f html -o"}},
		{"csv", []string{"id,status,severity,control", "aws-root-mfa"}},
		{"ocsf", []string{`"class_uid":2003`, `"type_uid":200301`}},
		{"json", []string{`"schema": "rampart.results/v2"`}},
	} {
		out := filepath.Join(dir, "report."+tc.format)
		code, _, errs := rampart(t, "report", res, "-f", tc.format, "-o", out)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.format, code, errs)
		}
		b, _ := os.ReadFile(out)
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: %q not in the report", tc.format, w)
			}
		}
	}
}

// --previous: a FAIL that was a PASS is new; a FAIL that now passes is
// resolved.
func TestReportChangesSincePrevious(t *testing.T) {
	res := exampleResults(t)
	raw, _ := os.ReadFile(res)
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	flipped := map[string]bool{}
	for _, r := range doc["results"].([]any) {
		m := r.(map[string]any)
		if m["control"] == "aws-root-mfa" && !flipped[m["status"].(string)] {
			flipped[m["status"].(string)] = true
			m["status"] = map[string]string{"FAIL": "PASS", "PASS": "FAIL"}[m["status"].(string)]
		}
	}
	prev := filepath.Join(t.TempDir(), "previous.json")
	b, _ := json.Marshal(doc)
	os.WriteFile(prev, b, 0o644)
	out := filepath.Join(t.TempDir(), "report.html")
	if code, _, errs := rampart(t, "report", res, "--previous", prev, "-o", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page, _ := os.ReadFile(out)
	if !strings.Contains(string(page), "<strong>1 new</strong> finding, <strong>1 resolved</strong>") {
		t.Errorf("changes not reported:\n%s", page)
	}
}

func TestReportBadInput(t *testing.T) {
	dir := t.TempDir()
	// Never the user's own store.
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("RAMPART_STORE", filepath.Join(dir, "env.db"))
	res := exampleResults(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"report", filepath.Join(dir, "nope.json")}, "nope.json: cannot read: no such file or directory"},
		{"not JSON", []string{"report", "testdata/not-json.txt"}, "testdata/not-json.txt:1:"},
		{"truncated", []string{"report", "testdata/truncated.json"}, "testdata/truncated.json"},
		{"a snapshot, not results", []string{"report", example}, `expected a "rampart.results/v2" or "rampart.results/v1" document (rampart eval --format json), found schema "rampart.snapshot/v1"`},
		{"bad previous", []string{"report", res, "--previous", example}, "--previous " + example},
		{"unknown format", []string{"report", res, "-f", "docx"}, `--format: unknown format "docx"`},
		{"empty store", []string{"report", "--store", filepath.Join(dir, "empty.db")}, "the history store holds no scan"},
		{"store and file", []string{"report", res, "--store", filepath.Join(dir, "empty.db")}, "give either RESULTS.json or the store, not both"},
		{"previous from the store", []string{"report", "--store", filepath.Join(dir, "empty.db"), "--previous", res}, "--previous compares results files"},
		{"unknown scan", []string{"report", "--store", filepath.Join(dir, "empty.db"), "--scan", "7"}, "--scan 7: no such scan or run in the history store"},
		{"bad days", []string{"report", "--store", filepath.Join(dir, "empty.db"), "--days", "0"}, "--days 0: expected 1 or more"},
		{"two files", []string{"report", res, res}, "accepts at most 1 arg(s), received 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "report.html")
			os.WriteFile(out, []byte("previous report"), 0o644)
			code, _, errs := rampart(t, append(tc.args, "-o", out)...)
			if code != exitError || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("exit %d, stderr %q, want one line with %q", code, errs, tc.want)
			}
			if b, _ := os.ReadFile(out); string(b) != "previous report" {
				t.Error("the previous output was overwritten")
			}
		})
	}
	before, _ := os.ReadFile(res)
	if code, _, errs := rampart(t, "report", res, "-f", "html", "-o", res); code != exitError || !strings.Contains(errs, "refusing to overwrite an input") {
		t.Errorf("-o over the results file: exit %d, %q", code, errs)
	}
	if after, _ := os.ReadFile(res); string(after) != string(before) {
		t.Error("the results file was overwritten")
	}
}

// From the store: the newest scan, what is new since the previous scan of
// the same accounts, the trend, and the snapshot's collector.
func TestReportFromStore(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("RAMPART_STORE", "")
	store := filepath.Join(dir, "history.db")
	waivers := filepath.Join(dir, "waivers.yaml")
	os.WriteFile(waivers, []byte("- control: aws-root-mfa\n  resource: \"arn:aws:iam::333333333333:root\"\n  reason: bootstrap\n  approved_by: sec@example.com\n  expires: 2027-01-01\n"), 0o644)
	scan := func(extra ...string) {
		args := append([]string{"eval", example, "--config", "../../examples/rampart.yaml", "--store=" + store, "--store-snapshot",
			"-f", "json", "-o", filepath.Join(dir, "r.json")}, extra...)
		if code, _, errs := rampart(t, args...); code != exitOK {
			t.Fatalf("eval --store: exit %d: %s", code, errs)
		}
	}
	scan("--waivers", waivers) // scan 1: root MFA waived
	scan()                     // scan 2: root MFA fails again
	out := filepath.Join(dir, "report.html")
	if code, _, errs := rampart(t, "report", "--store", store, "-o", out); code != exitOK {
		t.Fatalf("report --store: exit %d: %s", code, errs)
	}
	page, _ := os.ReadFile(out)
	for _, want := range []string{
		"Compared with scan 1 of 2026-11-01 12:00 UTC: <strong>1 new</strong> finding, <strong>0 resolved</strong>",
		"<polyline", "Mean time to remediate", "Open FAIL findings at the end of each day, 2026-11-01 to 2026-11-01", "rampart example", policies.CatalogueVersion(),
		"<strong>61 findings</strong>", `CISO &#43; Cloud team <span class="count">— 16 findings</span>`,
		"Why it matters: The root user can do anything",
		`<th scope="row">Root user has MFA <span class="cid">aws-root-mfa</span></th><td>dev (333333333333)</td>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("%q not in the report", want)
		}
	}
	if strings.Contains(string(page), "No history") {
		t.Error("the report says there is no history")
	}
	if code, _, errs := rampart(t, "report", "--store", store, "--scan", "1", "-o", out); code != exitOK {
		t.Fatalf("report --scan 1: exit %d: %s", code, errs)
	}
	page, _ = os.ReadFile(out)
	for _, want := range []string{"No previous scan of the same accounts", "<strong>60 findings</strong>", "bootstrap", "sec@example.com"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("scan 1: %q not in the report", want)
		}
	}
}
