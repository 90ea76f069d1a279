package history

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// Window is a range of whole UTC days, From and To included.
type Window struct {
	From, To time.Time
}

// LastDays is the window of n days ending on the day of now.
func LastDays(now time.Time, n int) Window {
	to := day(now)
	return Window{From: to.AddDate(0, 0, -(n - 1)), To: to}
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Trend is posture over a window: what the CISO report draws.
type Trend struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Days has one entry per day of the window, oldest first.
	Days []TrendDay `json:"days"`
	// MTTR has one entry per severity, most severe first.
	MTTR []MTTR `json:"mttr"`
}

// TrendDay counts the FAIL findings open at the end of a day: for each
// scope, those of the latest scan of it at or before the day's end (a day
// without a scan carries the previous state forward).
type TrendDay struct {
	Date  string                   `json:"date"`
	Open  map[results.Severity]int `json:"open"`
	Total int                      `json:"total"`
	// Scopes is how many scopes (accounts) the counts cover.
	Scopes int `json:"scopes"`
}

// MTTR is the time to remediate the findings of one severity resolved in
// the window: from when each was opened (or reopened) to the first scan
// that found it gone or passing.
type MTTR struct {
	Severity   results.Severity `json:"severity"`
	Resolved   int              `json:"resolved"`
	MeanDays   float64          `json:"mean_days"`
	MedianDays float64          `json:"median_days"`
}

// Trend computes the window's daily open counts and MTTR.
func (s *sqlStore) Trend(ctx context.Context, w Window) (*Trend, error) {
	from, to := day(w.From), day(w.To)
	if to.Before(from) {
		return nil, fmt.Errorf("trend window: %s is after %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	end := to.AddDate(0, 0, 1)
	events, err := s.coverageEvents(ctx, from, end)
	if err != nil {
		return nil, err
	}
	tr := &Trend{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Days: []TrendDay{}}
	state := map[Scope]map[results.Severity]int{}
	next := 0
	for d := from; d.Before(end); d = d.AddDate(0, 0, 1) {
		dayEnd := d.AddDate(0, 0, 1)
		for ; next < len(events) && events[next].at.Before(dayEnd); next++ {
			for k, c := range events[next].open {
				state[k] = c
			}
		}
		td := TrendDay{Date: d.Format(time.DateOnly), Open: map[results.Severity]int{}, Scopes: len(state)}
		for _, sev := range results.Severities {
			td.Open[sev] = 0
		}
		for _, c := range state {
			for sev, n := range c {
				td.Open[sev] += n
				td.Total += n
			}
		}
		tr.Days = append(tr.Days, td)
	}
	if tr.MTTR, err = s.mttr(ctx, from, end); err != nil {
		return nil, err
	}
	return tr, nil
}

// coverageEvent is one scan's view of the scopes it covered: the FAIL
// counts by severity per scope (empty for a scope with none).
type coverageEvent struct {
	scan int64
	at   time.Time
	open map[Scope]map[results.Severity]int
}

// coverageEvents returns, in time order, the scans in [from, end) and for
// each scope the latest scan of it before from (the state the window
// starts with).
func (s *sqlStore) coverageEvents(ctx context.Context, from, end time.Time) ([]coverageEvent, error) {
	f, e := s.d.timeArg(from), s.d.timeArg(end)
	rows, err := s.db.QueryContext(ctx, `
		SELECT s.id, s.scanned_at, p.provider, p.account FROM scans s JOIN scan_scopes p ON p.scan_id = s.id
		WHERE s.scanned_at >= $1 AND s.scanned_at < $2
		UNION ALL
		SELECT s.id, s.scanned_at, p.provider, p.account FROM scans s JOIN scan_scopes p ON p.scan_id = s.id
		JOIN (SELECT p2.provider, p2.account, MAX(s2.scanned_at) AS latest FROM scans s2 JOIN scan_scopes p2 ON p2.scan_id = s2.id
		      WHERE s2.scanned_at < $1 GROUP BY p2.provider, p2.account) m
		  ON m.provider = p.provider AND m.account = p.account AND m.latest = s.scanned_at`, f, e)
	if err != nil {
		return nil, s.readErr(err)
	}
	byScan := map[int64]*coverageEvent{}
	for rows.Next() {
		var id int64
		var at dbTime
		var p Scope
		if err := rows.Scan(&id, &at, &p.Provider, &p.Account); err != nil {
			rows.Close()
			return nil, s.readErr(err)
		}
		ev := byScan[id]
		if ev == nil {
			ev = &coverageEvent{scan: id, at: at.T, open: map[Scope]map[results.Severity]int{}}
			byScan[id] = ev
		}
		ev.open[p] = map[results.Severity]int{}
	}
	if err := rows.Close(); err != nil {
		return nil, s.readErr(err)
	}
	ids := make([]int64, 0, len(byScan))
	for id := range byScan {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		list, args := inList(0, chunk)
		if err := s.failCounts(ctx, list, args, byScan); err != nil {
			return nil, err
		}
	}
	out := make([]coverageEvent, 0, len(byScan))
	for _, id := range ids {
		out = append(out, *byScan[id])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].at.Equal(out[j].at) {
			return out[i].at.Before(out[j].at)
		}
		return out[i].scan < out[j].scan
	})
	return out, nil
}

// failCounts adds the FAIL counts of the listed scans to their events. A
// result about an account outside the scan's scopes counts under its own
// account, which the scan then covers too: nothing is dropped.
func (s *sqlStore) failCounts(ctx context.Context, list string, args []any, byScan map[int64]*coverageEvent) error {
	rows, err := s.db.QueryContext(ctx, `SELECT scan_id, provider, account, severity, COUNT(*) FROM results
		WHERE status = 'FAIL' AND scan_id IN (`+list+`) GROUP BY scan_id, provider, account, severity`, args...)
	if err != nil {
		return s.readErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p Scope
		var sev string
		var n int
		if err := rows.Scan(&id, &p.Provider, &p.Account, &sev, &n); err != nil {
			return s.readErr(err)
		}
		severity, err := results.ParseSeverity(sev)
		if err != nil {
			return s.readErr(err)
		}
		ev := byScan[id]
		if ev.open[p] == nil {
			ev.open[p] = map[results.Severity]int{}
		}
		ev.open[p][severity] += n
	}
	return s.readErr(rows.Err())
}

// mttr reads the episodes closed in [from, end).
func (s *sqlStore) mttr(ctx context.Context, from, end time.Time) ([]MTTR, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT severity, opened_at, resolved_at FROM resolutions WHERE resolved_at >= $1 AND resolved_at < $2",
		s.d.timeArg(from), s.d.timeArg(end))
	if err != nil {
		return nil, s.readErr(err)
	}
	defer rows.Close()
	took := map[results.Severity][]time.Duration{}
	for rows.Next() {
		var sev string
		var opened, resolved dbTime
		if err := rows.Scan(&sev, &opened, &resolved); err != nil {
			return nil, s.readErr(err)
		}
		severity, err := results.ParseSeverity(sev)
		if err != nil {
			return nil, s.readErr(err)
		}
		took[severity] = append(took[severity], resolved.T.Sub(opened.T))
	}
	if err := rows.Err(); err != nil {
		return nil, s.readErr(err)
	}
	out := make([]MTTR, 0, len(results.Severities))
	for _, sev := range results.Severities {
		m := MTTR{Severity: sev, Resolved: len(took[sev])}
		if ds := took[sev]; len(ds) > 0 {
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			var sum time.Duration
			for _, d := range ds {
				sum += d
			}
			m.MeanDays = days(sum / time.Duration(len(ds)))
			mid := len(ds) / 2
			if len(ds)%2 == 1 {
				m.MedianDays = days(ds[mid])
			} else {
				m.MedianDays = days((ds[mid-1] + ds[mid]) / 2)
			}
		}
		out = append(out, m)
	}
	return out, nil
}

func days(d time.Duration) float64 { return d.Hours() / 24 }
