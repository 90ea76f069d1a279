package reports

import (
	"fmt"

	"github.com/rampart-sec/rampart/results"
)

// ChangesBetween compares a report with an earlier one (two results files
// of the same scopes): what fails now and did not, and what failed and is
// resolved. A finding is resolved only when the later report says so — it
// passes, or it is gone from an account and a control the later report
// covered; one that became ERROR or WAIVED, or whose account was not
// scanned, is not counted as resolved.
func ChangesBetween(prev, cur *results.Report, label string) *Changes {
	was := make(map[string]results.Status, len(prev.Results))
	for _, r := range prev.Results {
		was[r.ID] = r.Status
	}
	now := make(map[string]results.Status, len(cur.Results))
	for _, r := range cur.Results {
		now[r.ID] = r.Status
	}
	scopes := map[scopeKey]bool{}
	for _, sc := range cur.Snapshot.Scopes {
		scopes[scopeKey{sc.Provider, sc.Account}] = true
	}
	controls := map[string]bool{}
	for _, c := range cur.Summary.Controls {
		controls[c.Control] = true
	}
	ch := &Changes{Previous: label, New: []results.Result{}, Resolved: []results.Result{}}
	if label == "" {
		ch.Previous = fmt.Sprintf("the results of %s (snapshot %s)", utc(prev.Snapshot.CollectedAt), digestPrefix(prev.Snapshot.Digest))
	}
	for _, r := range cur.Results {
		if r.Status == results.Fail && was[r.ID] != results.Fail {
			ch.New = append(ch.New, r)
		}
	}
	for _, r := range prev.Results {
		if r.Status != results.Fail {
			continue
		}
		st, present := now[r.ID]
		covered := scopes[scopeKey{r.Provider, r.Account}] && controls[r.Control]
		if st == results.Pass || (!present && covered) {
			ch.Resolved = append(ch.Resolved, r)
		}
	}
	return ch
}
