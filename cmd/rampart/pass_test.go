package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// --pass summary leaves PASS results out and counts them in the summary;
// JSON lists them by default; a summary report is still a baseline.
func TestPassSummary(t *testing.T) {
	type doc struct {
		Pass    string `json:"pass"`
		Summary struct {
			ByStatus map[string]int `json:"by_status"`
		}
		Results []struct{ Status string }
	}
	read := func(args ...string) doc {
		t.Helper()
		code, out, errs := rampart(t, append([]string{"eval", example, "-f", "json"}, args...)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var d doc
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	passes := func(d doc) int {
		n := 0
		for _, r := range d.Results {
			if r.Status == "PASS" {
				n++
			}
		}
		return n
	}
	full, summary := read(), read("--pass", "summary")
	if passes(full) == 0 || full.Pass != "" {
		t.Errorf("JSON by default: %d PASS results, pass %q", passes(full), full.Pass)
	}
	if passes(summary) != 0 || summary.Pass != "summary" || summary.Summary.ByStatus["PASS"] != passes(full) {
		t.Errorf("--pass summary: %d PASS results listed, pass %q, %d counted (want %d)", passes(summary), summary.Pass, summary.Summary.ByStatus["PASS"], passes(full))
	}
	if len(summary.Results) != len(full.Results)-passes(full) {
		t.Errorf("--pass summary dropped more than PASS: %d of %d", len(summary.Results), len(full.Results))
	}

	base := filepath.Join(t.TempDir(), "base.json")
	if code, _, errs := rampart(t, "eval", example, "-f", "json", "--pass", "summary", "-o", base); code != exitOK {
		t.Fatal(errs)
	}
	if code, _, errs := rampart(t, "eval", example, "-f", "json", "--baseline", base, "--new-only", "--fail-on", "low"); code != exitOK {
		t.Errorf("against a summary baseline of itself: exit %d: %s", code, errs)
	}
	assertBadInput(t, []string{"eval", example, "--pass", "some"}, `--pass: expected full or summary, got "some"`)
}
