package audit

import (
	"github.com/rampart-sec/rampart/reports"

	"fmt"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

// Info is the decision as a report records it; nil when no gate was
// asked for.
func (d Decision) Info() *results.GateInfo {
	if d.Threshold == 0 {
		return nil
	}
	return &results.GateInfo{FailOn: d.Threshold, NewOnly: d.NewOnly, Findings: len(d.Findings), Failed: d.Failed}
}

// Explain says in one line what the gate decided, for a CI log: when it
// failed, how many findings are at or above the threshold, the three
// most severe, and where the report is (report names it: a file, or
// "stdout"); when it passed, that nothing reached the threshold. It
// returns "" when no gate was asked for.
func (d Decision) Explain(report string) string {
	if d.Threshold == 0 {
		return ""
	}
	scope := ""
	if d.NewOnly {
		scope = " new since the baseline"
	}
	if !d.Failed {
		return fmt.Sprintf("gate passed: no FAIL at or above %s%s", d.Threshold, scope)
	}
	n := len(d.Findings)
	var top []string
	for i, r := range d.Findings {
		if i == 3 {
			top = append(top, fmt.Sprintf("and %d more", n-3))
			break
		}
		top = append(top, fmt.Sprintf("%s (%s) %s", r.Control, r.Severity, reports.Printable(r.Resource)))
	}
	finding := "findings"
	if n == 1 {
		finding = "finding"
	}
	return fmt.Sprintf("gate failed: %d %s at or above %s%s: %s; report: %s", n, finding, d.Threshold, scope, strings.Join(top, ", "), report)
}
