package waivers

import (
	"fmt"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// Outcome says what a waiver file did to a set of results.
type Outcome struct {
	// Waived counts the results that became WAIVED.
	Waived int
	// Expired are the waivers past their expiry date: they matched
	// nothing.
	Expired []Waiver
	// Stale are the unexpired waivers that matched no FAIL or ERROR
	// result: the finding is gone, or the pattern is wrong.
	Stale []Waiver
}

// Warnings are the lines to show the user about expired and stale
// waivers.
func (o Outcome) Warnings() []string {
	var out []string
	for _, w := range o.Expired {
		out = append(out, fmt.Sprintf("warning: %s: waiver for %s on %s expired on %s (approved by %s); it no longer applies",
			fmt.Sprintf("%s:%d", w.File, w.Line), w.Control, w.Resource, w.Expires.Format(time.DateOnly), w.ApprovedBy))
	}
	for _, w := range o.Stale {
		out = append(out, fmt.Sprintf("warning: %s: stale waiver: %s on %s matches no FAIL or ERROR result",
			fmt.Sprintf("%s:%d", w.File, w.Line), w.Control, w.Resource))
	}
	return out
}

// Apply turns every FAIL or ERROR result matched by an unexpired waiver
// into WAIVED, in place. now is the evaluation's "now" (the snapshot's
// collected_at or --now), never the wall clock, so a stored snapshot
// re-evaluated later gives the same answer. The first matching waiver in
// file order wins.
func Apply(rs []results.Result, ws []Waiver, now time.Time) Outcome {
	var o Outcome
	used := make([]bool, len(ws))
	var live []int
	for i, w := range ws {
		if w.Expired(now) {
			o.Expired = append(o.Expired, w)
			continue
		}
		live = append(live, i)
	}
	for ri := range rs {
		r := &rs[ri]
		if r.Status != results.Fail && r.Status != results.Error {
			continue
		}
		for _, i := range live {
			w := ws[i]
			if !w.Matches(r.Control, r.Resource) {
				continue
			}
			used[i] = true
			waive(r, w)
			o.Waived++
			break
		}
	}
	for _, i := range live {
		if !used[i] {
			o.Stale = append(o.Stale, ws[i])
		}
	}
	return o
}

func waive(r *results.Result, w Waiver) {
	ev := make(map[string]any, len(r.Evidence)+1)
	for k, v := range r.Evidence {
		ev[k] = v
	}
	ev["waiver"] = map[string]any{
		"reason": w.Reason, "approved_by": w.ApprovedBy, "expires": w.Expires.Format(time.DateOnly),
		"file": w.File, "line": w.Line, "resource_pattern": w.Resource,
		"waived_status": string(r.Status), "waived_message": r.Message,
	}
	r.Evidence = ev
	r.Status = results.Waived
	r.Message = "waived: " + w.Reason
}
