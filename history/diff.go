package history

import (
	"context"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// Diff is what changed between two scans (or runs) A and B. Only FAIL
// results are findings; a finding in A whose fate B cannot tell is listed
// as Undecided, never as resolved.
type Diff struct {
	From Side `json:"from"`
	To   Side `json:"to"`
	// New: FAIL in B, not FAIL in A.
	New []results.Result `json:"new"`
	// Resolved: FAIL in A; PASS in B, or absent from B while B covered
	// its account and evaluated its control. The A result is listed.
	Resolved []results.Result `json:"resolved"`
	// StillOpen: FAIL in both (the B result).
	StillOpen []results.Result `json:"still_open"`
	// ChangedSeverity: the findings of StillOpen whose severity changed.
	ChangedSeverity []SeverityChange `json:"changed_severity"`
	// Undecided: FAIL in A; ERROR or WAIVED in B, or absent from B where
	// B did not look (another account, a control left out).
	Undecided []results.Result `json:"undecided"`
}

// Side identifies one end of a diff.
type Side struct {
	Ref       Ref       `json:"ref"`
	ScannedAt time.Time `json:"scanned_at"`
	Scopes    []Scope   `json:"scopes"`
}

// SeverityChange is a finding open in both scans at different severities.
type SeverityChange struct {
	Result results.Result   `json:"result"`
	Was    results.Severity `json:"was"`
}

// Coverage is what a scan looked at: a result absent from it is resolved
// only if the scan covered the result's account and control.
type Coverage struct {
	Scopes   map[Scope]bool
	Controls map[string]bool
}

func (c Coverage) covers(r results.Result) bool {
	return c.Scopes[Scope{Provider: r.Provider, Account: r.Account}] && c.Controls[r.Control]
}

// Compare diffs the results of A against those of B, given what B covered.
// Each list is sorted as reports print results.
func Compare(a, b []results.Result, bCovered Coverage) *Diff {
	d := &Diff{New: []results.Result{}, Resolved: []results.Result{}, StillOpen: []results.Result{},
		ChangedSeverity: []SeverityChange{}, Undecided: []results.Result{}}
	inA := make(map[string]results.Result, len(a))
	for _, r := range a {
		inA[r.ID] = r
	}
	inB := make(map[string]results.Result, len(b))
	for _, r := range b {
		inB[r.ID] = r
		if r.Status != results.Fail {
			continue
		}
		old, ok := inA[r.ID]
		if !ok || old.Status != results.Fail {
			d.New = append(d.New, r)
			continue
		}
		d.StillOpen = append(d.StillOpen, r)
		if old.Severity != r.Severity {
			d.ChangedSeverity = append(d.ChangedSeverity, SeverityChange{Result: r, Was: old.Severity})
		}
	}
	for _, r := range a {
		if r.Status != results.Fail {
			continue
		}
		now, ok := inB[r.ID]
		switch {
		case ok && now.Status == results.Pass, !ok && bCovered.covers(r):
			d.Resolved = append(d.Resolved, r)
		case ok && now.Status == results.Fail:
		default:
			d.Undecided = append(d.Undecided, r)
		}
	}
	for _, l := range [][]results.Result{d.New, d.Resolved, d.StillOpen, d.Undecided} {
		results.Sort(l)
	}
	return d
}

// Diff compares the stored scans (or runs) a and b.
func (s *sqlStore) Diff(ctx context.Context, a, b Ref) (*Diff, error) {
	sa, err := s.resolve(ctx, a)
	if err != nil {
		return nil, err
	}
	sb, err := s.resolve(ctx, b)
	if err != nil {
		return nil, err
	}
	ra, err := s.results(ctx, sa)
	if err != nil {
		return nil, err
	}
	rb, err := s.results(ctx, sb)
	if err != nil {
		return nil, err
	}
	cov, err := s.coverage(ctx, sb)
	if err != nil {
		return nil, err
	}
	d := Compare(ra, rb, cov)
	runA, runB := newRun(a, sa), newRun(b, sb)
	d.From = Side{Ref: a, ScannedAt: runA.ScannedAt, Scopes: runA.Scopes}
	d.To = Side{Ref: b, ScannedAt: runB.ScannedAt, Scopes: runB.Scopes}
	return d, nil
}

// coverage reads the scopes and controls of scans.
func (s *sqlStore) coverage(ctx context.Context, scans []Scan) (Coverage, error) {
	c := Coverage{Scopes: map[Scope]bool{}, Controls: map[string]bool{}}
	ids := make([]int64, len(scans))
	for i, sc := range scans {
		ids[i] = sc.ID
		for _, p := range sc.Scopes {
			c.Scopes[Scope{Provider: p.Provider, Account: p.Account}] = true
		}
	}
	list, args := inList(0, ids)
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT control FROM scan_controls WHERE scan_id IN ("+list+")", args...)
	if err != nil {
		return c, s.readErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return c, s.readErr(err)
		}
		c.Controls[id] = true
	}
	return c, s.readErr(rows.Err())
}
