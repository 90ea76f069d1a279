package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// storedReport is a report rebuilt from the history store: the results
// of one scan (or every shard of a run), what the store says about the
// scans before it, and what ties it to the data.
type storedReport struct {
	report     *results.Report
	history    *reports.History
	provenance reports.Provenance
}

// fromStore loads the newest scan or run, or the one ref names ("" for
// the newest), with the changes since the previous scan of the same
// scopes and the trend over the trendDays days up to it. rules describe
// the controls; those of the scan's providers make the summary's list.
func fromStore(ctx context.Context, st history.Store, ref string, trendDays int, rules map[string]results.Control) (*storedReport, error) {
	all, err := st.Scans(ctx, history.Filter{})
	if err != nil {
		return nil, err
	}
	chosen, want, err := pickScans(all, ref)
	if err != nil {
		return nil, err
	}
	rs, err := st.Results(ctx, want)
	if err != nil {
		return nil, err
	}
	if rs == nil {
		rs = []results.Result{}
	}
	describe(rs, rules)
	sr := &storedReport{}
	info := results.SnapshotInfo{Source: snapshot.Source(chosen[0].Source), CollectedAt: chosen[0].ScannedAt, EvaluatedAt: chosen[0].EvaluatedAt}
	providers := map[string]bool{}
	seen := map[history.Scope]bool{}
	for _, sc := range chosen {
		if sc.ScannedAt.Before(info.CollectedAt) {
			info.CollectedAt = sc.ScannedAt
		}
		if sc.EvaluatedAt.After(info.EvaluatedAt) {
			info.EvaluatedAt = sc.EvaluatedAt
		}
		info.CollectionErrors += sc.CollectionErrors
		for _, s := range sc.Scopes {
			if !seen[s] {
				seen[s] = true
				providers[s.Provider] = true
				info.Scopes = append(info.Scopes, snapshot.Scope{Provider: s.Provider, Account: s.Account, Name: s.Name})
			}
		}
		if len(chosen) > 1 {
			sr.provenance.Snapshots = append(sr.provenance.Snapshots, reports.SnapshotRef{
				Digest: sc.Digest, CollectedAt: sc.ScannedAt.UTC().Format("2006-01-02 15:04 UTC"), Scopes: len(sc.Scopes)})
		}
		if err := sr.addSnapshot(ctx, st, sc); err != nil {
			return nil, err
		}
	}
	if len(chosen) == 1 {
		info.Digest = chosen[0].Digest
	}
	sr.provenance.Catalogue = chosen[0].CatalogueVersion
	if cur := policies.CatalogueVersion(); sr.provenance.Catalogue != cur {
		sr.provenance.Notes = append(sr.provenance.Notes, fmt.Sprintf(
			"the scan was evaluated with catalogue %s; the titles, remediation, frameworks and escalation shown come from this binary's catalogue %s",
			sr.provenance.Catalogue, cur))
	}
	if sr.provenance.Collector.Name == "" {
		sr.provenance.Collector.Name = fmt.Sprintf("rampart %s (the scan's evaluator; the snapshot was not stored)", chosen[0].RampartVersion)
	}
	var controls []results.Control
	for _, c := range rules {
		if providers[c.Provider] {
			controls = append(controls, c)
		}
	}
	sort.Slice(controls, func(i, j int) bool { return controls[i].ID < controls[j].ID })
	results.Sort(rs)
	sr.report = &results.Report{Schema: results.Schema, Snapshot: info, Summary: results.Summarize(controls, rs), Results: rs}

	sr.history = &reports.History{}
	if prev, ok, err := st.Previous(ctx, want); err != nil {
		return nil, err
	} else if ok {
		d, err := st.Diff(ctx, prev, want)
		if err != nil {
			return nil, err
		}
		describe(d.New, rules)
		describe(d.Resolved, rules)
		sr.history.Changes = &reports.Changes{
			Previous: fmt.Sprintf("scan %s of %s", prev, d.From.ScannedAt.UTC().Format("2006-01-02 15:04 UTC")),
			New:      d.New, Resolved: d.Resolved,
		}
	}
	tr, err := st.Trend(ctx, history.LastDays(info.CollectedAt, trendDays))
	if err != nil {
		return nil, err
	}
	sr.history.Trend = trendOf(tr)
	return sr, nil
}

// describe fills in what a control is (title, remediation, frameworks,
// escalation) from the catalogue: the store keeps only what was decided.
func describe(rs []results.Result, rules map[string]results.Control) {
	for i := range rs {
		if c, ok := rules[rs[i].Control]; ok {
			rs[i].Title, rs[i].Remediation, rs[i].Escalation = c.Title, c.Remediation, c.Escalation
			rs[i].Frameworks, rs[i].MITRE = c.Frameworks, c.MITRE
		}
	}
}

// pickScans finds the scans of the newest run, or of the one ref names.
func pickScans(all []history.Scan, ref string) ([]history.Scan, history.Ref, error) {
	runs := history.Runs(all)
	if ref == "" {
		if len(runs) == 0 {
			return nil, history.Ref{}, fmt.Errorf("the history store holds no scan: record one with rampart scan|eval --store, or give a RESULTS.json file")
		}
		return runs[0].Scans, runs[0].Ref, nil
	}
	want, err := history.ParseRef(ref)
	if err != nil {
		return nil, history.Ref{}, fmt.Errorf("--scan: %w", err)
	}
	if want.Run != "" {
		for _, r := range runs {
			if r.Ref == want {
				return r.Scans, want, nil
			}
		}
	} else {
		for _, sc := range all {
			if sc.ID == want.Scan {
				return []history.Scan{sc}, want, nil
			}
		}
	}
	return nil, history.Ref{}, fmt.Errorf("--scan %s: no such scan or run in the history store (rampart history lists them)", ref)
}

// addSnapshot reads the snapshot stored with a scan, when there is one:
// its collector and its collection errors (the failures that blocked no
// control are known only from it).
func (sr *storedReport) addSnapshot(ctx context.Context, st history.Store, sc history.Scan) error {
	if !sc.HasSnapshot {
		return nil
	}
	data, ok, err := st.Snapshot(ctx, sc.ID)
	if err != nil || !ok {
		return err
	}
	snap, err := snapshot.Decode(fmt.Sprintf("snapshot of scan %d", sc.ID), data)
	if err != nil {
		return err
	}
	sr.provenance.Collector = snap.Collector
	sr.provenance.CollectionErrors = append(sr.provenance.CollectionErrors, snap.Errors...)
	return nil
}

// trendOf converts the store's trend to what the report draws.
func trendOf(t *history.Trend) *reports.Trend {
	if t == nil || len(t.Days) == 0 {
		return nil
	}
	// Days before the store's first scan of these scopes have no data:
	// drawn as zeros they would say nothing was open.
	days := t.Days
	for len(days) > 0 && days[0].Scopes == 0 {
		days = days[1:]
	}
	if len(days) == 0 {
		return nil
	}
	out := &reports.Trend{From: days[0].Date, To: t.To}
	for _, d := range days {
		out.Days = append(out.Days, reports.TrendDay{Date: d.Date, Open: d.Open})
	}
	for _, m := range t.MTTR {
		out.MTTR = append(out.MTTR, reports.MTTR{Severity: m.Severity, Resolved: m.Resolved, MeanDays: m.MeanDays, MedianDays: m.MedianDays})
	}
	return out
}
