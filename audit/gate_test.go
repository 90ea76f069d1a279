package audit

import (
	"testing"

	"github.com/rampart-sec/rampart/results"
)

func TestGate(t *testing.T) {
	report := &results.Report{Results: []results.Result{
		{ID: "old-high", Status: results.Fail, Severity: results.High},
		{ID: "new-low", Status: results.Fail, Severity: results.Low},
		{ID: "err-critical", Status: results.Error, Severity: results.Critical},
		{ID: "pass-critical", Status: results.Pass, Severity: results.Critical},
		{ID: "waived-critical", Status: results.Waived, Severity: results.Critical},
	}}
	for _, tc := range []struct {
		name     string
		failOn   results.Severity
		baseline results.Baseline
		want     []string
	}{
		{"gate off", 0, nil, nil},
		{"low trips on both FAILs", results.Low, nil, []string{"old-high", "new-low"}},
		{"high trips on the high FAIL only", results.High, nil, []string{"old-high"}},
		{"ERROR, PASS and WAIVED never trip", results.Critical, nil, nil},
		{"a baseline leaves only what is new", results.Low, results.Baseline{"old-high": {ID: "old-high", Status: results.Fail, Severity: results.High}}, []string{"new-low"}},
		{"a FAIL whose severity rose is new", results.High, results.Baseline{"old-high": {ID: "old-high", Status: results.Fail, Severity: results.Medium}}, []string{"old-high"}},
		{"a FAIL that was ERROR is new", results.High, results.Baseline{"old-high": {ID: "old-high", Status: results.Error, Severity: results.High}}, []string{"old-high"}},
		{"new but below the threshold", results.High, results.Baseline{"old-high": {ID: "old-high", Status: results.Fail, Severity: results.High}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &Pipeline{opts: Options{FailOn: tc.failOn}, baseline: tc.baseline}
			d := p.Gate(report)
			var got []string
			for _, r := range d.Findings {
				got = append(got, r.ID)
			}
			if d.Failed != (len(tc.want) > 0) || len(got) != len(tc.want) {
				t.Fatalf("failed=%v findings=%v, want %v", d.Failed, got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("findings %v, want %v", got, tc.want)
				}
			}
			if d.Failed && d.Reason() == "" || !d.Failed && d.Reason() != "" {
				t.Errorf("reason %q does not match failed=%v", d.Reason(), d.Failed)
			}
		})
	}
}

func TestGateAgainstAStoredBaseline(t *testing.T) {
	report := &results.Report{Results: []results.Result{
		{ID: "known", Status: results.Fail, Severity: results.High},
		{ID: "fresh", Status: results.Fail, Severity: results.High},
	}}
	p := &Pipeline{opts: Options{FailOn: results.High}}
	known := results.Result{ID: "known", Status: results.Fail, Severity: results.High}
	fresh := results.Result{ID: "fresh", Status: results.Fail, Severity: results.High}
	d := p.GateAgainst(report, results.Baseline{"known": known})
	if !d.Failed || !d.NewOnly || len(d.Findings) != 1 || d.Findings[0].ID != "fresh" {
		t.Errorf("gate against a baseline: %+v", d)
	}
	if d := p.GateAgainst(report, results.Baseline{"known": known, "fresh": fresh}); d.Failed {
		t.Errorf("nothing new, yet failed: %+v", d)
	}
	if d := p.GateAgainst(report, nil); !d.Failed || d.NewOnly || len(d.Findings) != 2 {
		t.Errorf("no baseline: %+v", d)
	}
}
