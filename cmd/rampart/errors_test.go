package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/testutil"
)

const evidenceSnapshot = "../../collectors/aws/testdata/evidence.golden.json"

// rampart errors lists the collection errors by cause with the next
// step; a plan's NotInPlan markers are not among them.
func TestErrorsCommand(t *testing.T) {
	for _, tc := range []struct{ name, file string }{
		{"evidence", evidenceSnapshot},
		{"plan", guardrails},
		{"clean", example},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("COLUMNS", "100")
			code, out, errs := rampart(t, "errors", tc.file)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if strings.Contains(out, "NotInPlan") {
				t.Errorf("a NotInPlan marker shown as an error:\n%s", out)
			}
			testutil.Golden(t, filepath.Join("testdata", "golden", "errors."+tc.name), []byte(out))
		})
	}
	_, out, _ := rampart(t, "errors", "-f", "json", guardrails)
	var doc struct {
		Causes []struct {
			Code  string
			Calls int
			Hint  string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Causes) != 2 || doc.Causes[0].Code != "UnknownUntilApply" || doc.Causes[0].Hint == "" {
		t.Errorf("causes %+v", doc.Causes)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"errors", guardrails, "-f", "xml"}, `--format: unknown format "xml": expected table or json`},
		{[]string{"errors"}, "rampart errors: expected one input file, got 0 arguments"},
		{[]string{"errors", "testdata/not-json.txt"}, "testdata/not-json.txt:1:2: invalid JSON"},
	} {
		code, stdout, stderr := rampart(t, bad.args...)
		if code != exitError || stdout != "" || !strings.Contains(stderr, bad.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q, want %q", bad.args, code, stdout, stderr, bad.want)
		}
	}
}

// A plan's report counts no NotInPlan marker as an error, names the plan
// and its time in the header, and its account.
func TestPlanReportHeaderAndErrors(t *testing.T) {
	t.Setenv("COLUMNS", "100")
	_, out, _ := rampart(t, "eval", guardrails)
	first := strings.SplitN(out, "\n", 2)[0]
	if !strings.Contains(first, "plan "+guardrails) || !strings.Contains(out, "planned 2026-11-20T10:00:00Z") || !strings.Contains(out, "account 111111111111") {
		t.Errorf("header:\n%s", out)
	}
	if !strings.Contains(out, "3 collection errors in the input") {
		t.Errorf("NotInPlan markers counted:\n%s", out)
	}
	code, js, _ := rampart(t, "eval", guardrails, "-f", "json")
	var doc struct {
		Snapshot struct {
			CollectionErrors int `json:"collection_errors"`
		}
		Errors []struct{ Code string }
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil || code != exitOK {
		t.Fatal(code, err)
	}
	if doc.Snapshot.CollectionErrors != 3 || len(doc.Errors) != 3 {
		t.Errorf("collection_errors %d, errors %v", doc.Snapshot.CollectionErrors, doc.Errors)
	}
	_, undated, _ := rampart(t, "eval", plans+"regula_admin_policy.json", "--now", "2026-05-01T00:00:00Z")
	if !strings.Contains(undated, "no timestamp (Terraform < 1.5), dated 2026-05-01T00:00:00Z") || !strings.Contains(undated, "account unknown") {
		t.Errorf("undated plan header:\n%.300s", undated)
	}
}
