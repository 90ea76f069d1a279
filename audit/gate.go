package audit

import (
	"fmt"

	"github.com/rampart-sec/rampart/results"
)

// Decision is the gate's verdict on a report.
type Decision struct {
	// Failed is true when a FAIL at or above the threshold counts: the
	// run should fail (the CLI exits 1).
	Failed bool
	// Threshold is the least severity that fails; zero when the gate is
	// off.
	Threshold results.Severity
	// Findings are the results that tripped the gate, most severe first.
	Findings []results.Result
	// NewOnly is true when only results new since the baseline counted.
	NewOnly bool
}

// Reason says in one line why the gate failed, or "" when it did not.
func (d Decision) Reason() string {
	if !d.Failed {
		return ""
	}
	scope := ""
	if d.NewOnly {
		scope = " new since the baseline"
	}
	return fmt.Sprintf("%d FAIL result(s) at or above %s%s", len(d.Findings), d.Threshold, scope)
}

// Gate decides whether a report fails the run: a FAIL at or above the
// threshold, counting only results new since the baseline when one was
// given. ERROR results never trip the gate; they are counted in the
// report's summary.
func (p *Pipeline) Gate(r *results.Report) Decision {
	return p.GateAgainst(r, p.baseline)
}

// GateAgainst is Gate with the baseline given here rather than read from
// Options.BaselineFile: the history store supplies the findings of the
// previous scan of the same scopes only once the scan is done. A nil
// baseline gates on every result.
func (p *Pipeline) GateAgainst(r *results.Report, baseline results.Baseline) Decision {
	d := Decision{Threshold: p.opts.FailOn, NewOnly: baseline != nil}
	if p.opts.FailOn == 0 {
		return d
	}
	gated := r.Results
	if baseline != nil {
		gated = baseline.New(gated)
	}
	for _, res := range gated {
		if res.Status == results.Fail && res.Severity >= p.opts.FailOn {
			d.Findings = append(d.Findings, res)
		}
	}
	d.Failed = len(d.Findings) > 0
	return d
}
