package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Against a baseline of itself, a plan has nothing new: the Markdown
// heading says the gate passed (the count that gates), JSON marks every
// finding unchanged and SARIF says so too.
func TestBaselineMarks(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base.json")
	if code, _, errs := rampart(t, "eval", guardrails, "-f", "json", "-o", base); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	args := []string{"eval", guardrails, "--baseline", base, "--new-only", "--fail-on", "high"}

	code, md, errs := rampart(t, append(args, "-f", "markdown")...)
	if code != exitOK {
		t.Fatalf("markdown: exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(md, "## rampart: gate passed, no new finding at or above high\n") || !strings.Contains(md, "### Already present (11)") || strings.Contains(md, "### New in this change") {
		t.Errorf("markdown:\n%s", md)
	}

	_, out, _ := rampart(t, append(args, "-f", "json")...)
	var doc struct {
		Gate     map[string]any `json:"gate"`
		Baseline map[string]any `json:"baseline"`
		Results  []struct{ Status, Baseline string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Results {
		want := "unchanged"
		if r.Status == "PASS" {
			want = ""
		}
		if r.Baseline != want {
			t.Errorf("a %s result marked %q, want %q", r.Status, r.Baseline, want)
		}
	}
	if doc.Gate["failed"] != false || doc.Gate["fail_on"] != "high" || doc.Baseline["unchanged"] != 11.0 || doc.Baseline["new"] != 0.0 {
		t.Errorf("gate %v, baseline %v", doc.Gate, doc.Baseline)
	}

	_, sarif, _ := rampart(t, append(args, "-f", "sarif")...)
	if n, m := strings.Count(sarif, `"baselineState": "unchanged"`), strings.Count(sarif, `"baselineState"`); n == 0 || n != m {
		t.Errorf("%d of %d SARIF results unchanged", n, m)
	}
}
