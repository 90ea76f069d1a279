package results

import (
	"fmt"
	"strings"
)

// ParseStatuses reads a list of status names as a person types them
// (--status FAIL,ERROR; any case).
func ParseStatuses(names []string) ([]Status, error) {
	var out []Status
	for _, n := range names {
		n = strings.TrimSpace(n)
		found := false
		for _, st := range Statuses {
			if strings.EqualFold(string(st), n) {
				out = append(out, st)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown status %q: expected FAIL, ERROR, WAIVED or PASS", n)
		}
	}
	return out, nil
}

// PassSummary leaves the PASS results out of the report (--pass
// summary): the summary still counts them, and Pass says they were left
// out.
func (r *Report) PassSummary() {
	r.Keep([]Status{Fail, Error, Waived})
	r.Pass = "summary"
}

// Keep leaves in the report only the results of the given statuses. The
// summary still counts every result: it says what was evaluated, the
// list what was asked to be shown.
func (r *Report) Keep(statuses []Status) {
	want := map[Status]bool{}
	for _, st := range statuses {
		want[st] = true
	}
	kept := make([]Result, 0, len(r.Results))
	for _, res := range r.Results {
		if want[res.Status] {
			kept = append(kept, res)
		}
	}
	r.Results = kept
}
