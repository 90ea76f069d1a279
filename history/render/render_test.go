package render

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/results"
)

var at = time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC)

func result(control, account, resource string, sev results.Severity, st results.Status) results.Result {
	return results.Result{ID: results.ResultID(control, account, "", resource), Control: control, Severity: sev, Status: st,
		Provider: "aws", Account: account, Resource: resource, Evidence: map[string]any{}}
}

func counts(fail, pass int) history.Counts {
	return history.Counts{Total: fail + pass, ByStatus: map[results.Status]int{results.Fail: fail, results.Pass: pass},
		BySeverity: map[results.Severity]map[results.Status]int{results.High: {results.Fail: fail, results.Pass: pass}}}
}

func fixtures() ([]history.Run, *history.Diff, *history.Trend) {
	runs := []history.Run{
		{Ref: history.Ref{Run: "nightly-0304"}, ShardCount: 4, Missing: []int{2}, ScannedAt: at, Counts: counts(3, 10),
			Scopes: []history.Scope{{Provider: "aws", Account: "111111111111", Name: ""}, {Provider: "aws", Account: "222222222222", Name: ""}, {Provider: "aws", Account: "333333333333", Name: ""}}},
		{Ref: history.Ref{Scan: 7}, ScannedAt: at.AddDate(0, 0, -1), Counts: counts(4, 9), CollectionErrors: 2,
			Scopes: []history.Scope{{Provider: "aws", Account: "111111111111", Name: "prod"}}},
	}
	fail := result("aws-root-mfa", "111111111111", "arn:aws:iam::111111111111:root", results.Critical, results.Fail)
	fixed := result("aws-console-user-mfa", "111111111111", "arn:aws:iam::111111111111:user/a|b", results.High, results.Fail)
	d := &history.Diff{
		From: history.Side{Ref: history.Ref{Scan: 7}, ScannedAt: at.AddDate(0, 0, -1)},
		To:   history.Side{Ref: history.Ref{Scan: 8}, ScannedAt: at},
		New:  []results.Result{fail}, Resolved: []results.Result{fixed}, StillOpen: []results.Result{fail},
		ChangedSeverity: []history.SeverityChange{{Result: fail, Was: results.High}}, Undecided: []results.Result{},
	}
	tr := &history.Trend{From: "2026-03-03", To: "2026-03-04", MTTR: []history.MTTR{
		{Severity: results.Critical, Resolved: 2, MeanDays: 1.5, MedianDays: 1.5}, {Severity: results.High},
	}}
	for i, n := range []int{3, 1} {
		tr.Days = append(tr.Days, history.TrendDay{Date: at.AddDate(0, 0, i-1).Format(time.DateOnly), Total: n, Scopes: 2,
			Open: map[results.Severity]int{results.Critical: n, results.High: 0, results.Medium: 0, results.Low: 0, results.Info: 0}})
	}
	return runs, d, tr
}

func TestGolden(t *testing.T) {
	runs, d, tr := fixtures()
	for _, format := range Formats {
		for _, c := range []struct {
			name  string
			write func(*bytes.Buffer) error
		}{
			{"runs", func(b *bytes.Buffer) error { return Runs(b, format, runs) }},
			{"diff", func(b *bytes.Buffer) error { return Diff(b, format, d) }},
			{"trend", func(b *bytes.Buffer) error { return Trend(b, format, tr) }},
		} {
			var b bytes.Buffer
			if err := c.write(&b); err != nil {
				t.Fatal(err)
			}
			if format == "json" && !json.Valid(b.Bytes()) {
				t.Errorf("%s json is not JSON", c.name)
			}
			testutil.Golden(t, filepath.Join("testdata", c.name+"."+format+".golden"), b.Bytes())
		}
	}
}

func TestCheckFormat(t *testing.T) {
	if err := Check("sarif"); err == nil {
		t.Error("sarif accepted")
	}
	for _, f := range Formats {
		if err := Check(f); err != nil {
			t.Error(err)
		}
	}
}
