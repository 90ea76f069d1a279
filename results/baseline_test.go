package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadBaseline(t *testing.T) {
	b, err := ReadBaseline("testdata/baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 2 || b["aaa"].Status != Fail || b["aaa"].Severity != High || b["bbb"].Status != Pass {
		t.Errorf("baseline %+v", b)
	}
	for file, want := range map[string]string{
		"testdata/not-results.json":       `expected a "rampart.results/v2" or "rampart.results/v1" document (rampart eval --format json), found schema "rampart.snapshot/v1"`,
		"testdata/truncated.json":         "not a rampart results document",
		"testdata/missing.json":           "cannot read: no such file or directory",
		"testdata/baseline-nostatus.json": "results[1] has no status",
	} {
		if _, err := ReadBaseline(file); err == nil || !strings.Contains(err.Error(), file+": ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", file, err, want)
		}
	}
}

// A result is known only when the baseline has the same control and
// resource (the same ID) as a FAIL at the same or a higher severity.
func TestBaselineKnown(t *testing.T) {
	prior := func(st Status, sev Severity) Baseline { return Baseline{"x": {ID: "x", Status: st, Severity: sev}} }
	fail := func(id string, sev Severity) Result { return Result{ID: id, Status: Fail, Severity: sev} }
	for _, tc := range []struct {
		name     string
		baseline Baseline
		result   Result
		known    bool
		state    BaselineState
	}{
		{"same FAIL, same severity", prior(Fail, High), fail("x", High), true, Unchanged},
		{"FAIL at a higher severity before", prior(Fail, Critical), fail("x", High), true, Unchanged},
		{"severity rose", prior(Fail, Medium), fail("x", High), false, New},
		{"was PASS", prior(Pass, High), fail("x", High), false, New},
		{"was ERROR", prior(Error, High), fail("x", High), false, New},
		{"was WAIVED", prior(Waived, High), fail("x", High), false, New},
		{"another resource", prior(Fail, High), fail("y", High), false, New},
		{"empty baseline", Baseline{}, fail("x", Low), false, New},
		{"ERROR known as ERROR", prior(Error, High), Result{ID: "x", Status: Error, Severity: High}, false, Unchanged},
		{"ERROR that was FAIL", prior(Fail, High), Result{ID: "x", Status: Error, Severity: High}, false, New},
		{"PASS is not marked", prior(Fail, High), Result{ID: "x", Status: Pass, Severity: High}, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.baseline.Known(tc.result); got != tc.known {
				t.Errorf("Known = %v, want %v", got, tc.known)
			}
			if got := tc.baseline.State(tc.result); got != tc.state {
				t.Errorf("State = %q, want %q", got, tc.state)
			}
		})
	}
}

func TestBaselineMark(t *testing.T) {
	b := Baseline{
		"kept":    {ID: "kept", Control: "c", Status: Fail, Severity: High},
		"fixed":   {ID: "fixed", Control: "c", Status: Fail, Severity: High},
		"gone":    {ID: "gone", Control: "c", Status: Error, Severity: Low},
		"passing": {ID: "passing", Control: "c", Status: Pass, Severity: Low},
	}
	r := &Report{Results: []Result{
		{ID: "kept", Status: Fail, Severity: High},
		{ID: "fixed", Status: Pass, Severity: High},
		{ID: "fresh", Status: Fail, Severity: Low},
	}}
	b.Mark(r, "b.json")
	var marks []string
	for _, res := range r.Results {
		marks = append(marks, res.ID+"="+string(res.Baseline))
	}
	if got := strings.Join(marks, " "); got != "kept=unchanged fixed= fresh=new" {
		t.Errorf("marks %s", got)
	}
	if len(r.Absent) != 2 || r.Absent[0].ID != "fixed" || r.Absent[1].ID != "gone" || r.Absent[0].Baseline != Absent {
		t.Errorf("absent %+v", r.Absent)
	}
	if *r.Baseline != (BaselineInfo{File: "b.json", New: 1, Unchanged: 1, Absent: 1}) {
		t.Errorf("counts %+v", *r.Baseline)
	}
	if !r.InBaseline("fixed") || r.InBaseline("fresh") {
		t.Error("InBaseline")
	}
}

func TestBaselineReadsItsOwnOutput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.json")
	data := `{"schema": "rampart.results/v1", "results": [{"id": "a", "status": "FAIL", "severity": "critical", "baseline": "new"}]}`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline(path)
	if err != nil || b["a"].Severity != Critical || b["a"].Baseline != "" {
		t.Errorf("%+v %v", b, err)
	}
}
