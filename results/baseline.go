package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// Baseline is an earlier results document, by result ID: what was
// already known when a gate only cares about what is new.
type Baseline map[string]Result

// BaselineState marks a result against a baseline.
type BaselineState string

// The marks a result can carry. PASS results carry none.
const (
	// New: not in the baseline as it is now (a new finding, or one whose
	// severity rose, or one that was decided otherwise before). New
	// results are the ones --new-only gates on.
	New BaselineState = "new"
	// Unchanged: the baseline had it already.
	Unchanged BaselineState = "unchanged"
	// Absent: in the baseline, but no longer found (fixed, or the
	// resource is gone). Only Report.Absent holds such results.
	Absent BaselineState = "absent"
)

// ReadBaseline reads a results document (the JSON report of an earlier
// run, rampart.results/v2 or v1: both name each result's id, status and
// severity). Anything else is an error: a gate that
// silently took an unreadable baseline as empty would fail on every old
// finding, and one that took it as "everything" would pass new ones.
func ReadBaseline(path string) (Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &BaselineError{File: path, Msg: "cannot read: " + err.Error()}
	}
	var doc struct {
		Schema  *string  `json:"schema"`
		Results []Result `json:"results"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, &BaselineError{File: path, Msg: fmt.Sprintf("not a rampart results document (rampart eval --format json): %v", err)}
	}
	if doc.Schema == nil || *doc.Schema != Schema && *doc.Schema != SchemaV1 {
		got := "none"
		if doc.Schema != nil {
			got = fmt.Sprintf("%q", *doc.Schema)
		}
		return nil, &BaselineError{File: path, Msg: fmt.Sprintf("expected a %q or %q document (rampart eval --format json), found schema %s", Schema, SchemaV1, got)}
	}
	b := Baseline{}
	for i, r := range doc.Results {
		switch {
		case r.ID == "":
			return nil, &BaselineError{File: path, Msg: fmt.Sprintf("results[%d] has no id", i)}
		case r.Status == "":
			return nil, &BaselineError{File: path, Msg: fmt.Sprintf("results[%d] has no status", i)}
		case r.Status == Fail && r.Severity == 0:
			return nil, &BaselineError{File: path, Msg: fmt.Sprintf("results[%d] is a FAIL without a severity", i)}
		}
		r.Baseline = ""
		b[r.ID] = r
	}
	return b, nil
}

// BaselineError is a baseline file that cannot be used, with the reason.
type BaselineError struct {
	File string
	Msg  string
}

func (e *BaselineError) Error() string { return e.File + ": " + e.Msg }

// Known reports whether a FAIL result was already known: the baseline
// has the same control on the same resource (the same result ID:
// control, account, region, resource) as a FAIL at the same or a higher
// severity. A finding that was PASS, ERROR or WAIVED before, or whose
// severity rose since, is not known: it is news for the gate. Results of
// other statuses are never known findings.
func (b Baseline) Known(r Result) bool {
	if r.Status != Fail {
		return false
	}
	prior, ok := b[r.ID]
	return ok && prior.Status == Fail && prior.Severity >= r.Severity
}

// New returns the FAIL results the baseline does not know (see Known),
// and every result of another status the baseline does not hold with
// that status.
func (b Baseline) New(rs []Result) []Result {
	var out []Result
	for _, r := range rs {
		if b.State(r) == New {
			out = append(out, r)
		}
	}
	return out
}

// State marks one result: FAIL results by Known; ERROR and WAIVED ones
// are unchanged when the baseline had them with the same status; PASS
// results get no mark ("").
func (b Baseline) State(r Result) BaselineState {
	switch r.Status {
	case Pass:
		return ""
	case Fail:
		if b.Known(r) {
			return Unchanged
		}
		return New
	}
	if prior, ok := b[r.ID]; ok && prior.Status == r.Status {
		return Unchanged
	}
	return New
}

// Mark sets the baseline mark of every result of the report, lists in
// Report.Absent the baseline's FAIL, ERROR and WAIVED results that no
// longer appear as any of those, and counts both in Report.Baseline.
// file names the baseline in the report.
func (b Baseline) Mark(r *Report, file string) {
	info := &BaselineInfo{File: file}
	open := map[string]bool{}
	for i := range r.Results {
		res := &r.Results[i]
		res.Baseline = b.State(*res)
		switch {
		case res.Status != Fail:
		case res.Baseline == New:
			info.New++
		case res.Baseline == Unchanged:
			info.Unchanged++
		}
		if res.Status != Pass {
			open[res.ID] = true
		}
	}
	var absent []Result
	for id, prior := range b {
		if prior.Status != Pass && !open[id] {
			prior.Baseline = Absent
			absent = append(absent, prior)
		}
	}
	Sort(absent)
	for _, a := range absent {
		if a.Status == Fail {
			info.Absent++
		}
	}
	r.Absent = absent
	r.Baseline = info
	r.prior = b
}

// BaselineInfo says which baseline a report was compared with and counts
// the findings (FAIL results) by mark: new ones (what --new-only gates
// on), those already present, and the baseline's no longer found.
type BaselineInfo struct {
	File      string `json:"file,omitempty"`
	New       int    `json:"new"`
	Unchanged int    `json:"unchanged"`
	Absent    int    `json:"absent"`
}

// InBaseline reports whether the baseline the report was marked against
// holds a result of this ID, with whatever status: SARIF calls a new
// result on a known resource "updated".
func (r *Report) InBaseline(id string) bool {
	_, ok := r.prior[id]
	return ok
}
