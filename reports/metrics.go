package reports

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// RunMetrics is what a scheduler wants to know of a run beyond the report.
type RunMetrics struct {
	// Duration is the run's wall time: collection and evaluation.
	Duration time.Duration
	// Scan is the history store's ID of the recorded scan; 0 when not
	// recorded.
	Scan int64
}

// WriteMetrics writes the report as Prometheus text exposition format
// (version 0.0.4), for node_exporter's textfile collector: results by
// status, severity and control; collection errors; duration. Every
// control evaluated appears with every status, zeros included, so that a
// series never vanishes when its count drops to zero.
func WriteMetrics(w io.Writer, r *results.Report, m RunMetrics) error {
	var b strings.Builder
	family := func(name, typ, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	family("rampart_results", "gauge", "Results of the last scan by control, severity and status.")
	counts := map[[2]string]map[results.Status]int{}
	var keys [][2]string
	for _, c := range r.Summary.Controls {
		k := [2]string{c.Control, c.Severity.String()}
		if _, ok := counts[k]; !ok {
			keys = append(keys, k)
			counts[k] = map[results.Status]int{}
		}
		for st, n := range c.Counts {
			counts[k][st] += n
		}
	}
	// Results of controls missing from the summary still count.
	for _, res := range r.Results {
		k := [2]string{res.Control, res.Severity.String()}
		if _, ok := counts[k]; !ok {
			keys = append(keys, k)
			counts[k] = map[results.Status]int{}
			for _, x := range r.Results {
				if x.Control == res.Control && x.Severity == res.Severity {
					counts[k][x.Status]++
				}
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		for _, st := range results.Statuses {
			fmt.Fprintf(&b, "rampart_results{control=%s,severity=%s,status=%s} %d\n", label(k[0]), label(k[1]), label(string(st)), counts[k][st])
		}
	}
	family("rampart_findings", "gauge", "FAIL results of the last scan by severity.")
	for _, sev := range results.Severities {
		n := 0
		for _, res := range r.Results {
			if res.Status == results.Fail && res.Severity == sev {
				n++
			}
		}
		fmt.Fprintf(&b, "rampart_findings{severity=%s} %d\n", label(sev.String()), n)
	}
	family("rampart_collection_errors", "gauge", "API calls that failed during collection; the controls needing their data report ERROR.")
	fmt.Fprintf(&b, "rampart_collection_errors %d\n", r.Snapshot.CollectionErrors)
	family("rampart_scopes", "gauge", "Scopes (accounts, subscriptions, projects) in the last scan.")
	fmt.Fprintf(&b, "rampart_scopes %d\n", len(r.Snapshot.Scopes))
	family("rampart_run_duration_seconds", "gauge", "Wall time of the last run: collection and evaluation.")
	fmt.Fprintf(&b, "rampart_run_duration_seconds %s\n", strconv.FormatFloat(m.Duration.Seconds(), 'f', 3, 64))
	family("rampart_collected_timestamp_seconds", "gauge", "Collection time of the last scan's snapshot (Unix time).")
	fmt.Fprintf(&b, "rampart_collected_timestamp_seconds %d\n", r.Snapshot.CollectedAt.Unix())
	if m.Scan != 0 {
		family("rampart_stored_scan_id", "gauge", "History store ID of the last scan recorded.")
		fmt.Fprintf(&b, "rampart_stored_scan_id %d\n", m.Scan)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// label quotes a label value as the text format requires.
func label(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
}
