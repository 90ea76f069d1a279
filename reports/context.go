package reports

import (
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// Provenance is what ties a report to the data and the program that made
// it, beyond the snapshot identity the results.Report carries: the audit
// formats (HTML, PDF, OCSF) print it so an auditor can reproduce the run.
// Every field is optional; a missing one is shown as unknown.
type Provenance struct {
	// CommandLine is the command that produced the report, as typed
	// (the program name first).
	CommandLine []string
	// Collector is the program that wrote the snapshot(s).
	Collector snapshot.Collector
	// Catalogue identifies the controls evaluated: a digest of the policy
	// sources loaded (built-in and --policy-dir).
	Catalogue string
	// CollectionErrors are the snapshot's failed calls, listed even when
	// they blocked no control.
	CollectionErrors []snapshot.CollectionError
	// Snapshots lists the snapshots the report covers when there is more
	// than one (the shards of a run); empty means the report's own.
	Snapshots []SnapshotRef
	// Notes are what an auditor must know about how the report was
	// built (e.g. control metadata from another catalogue version).
	Notes []string
}

// SnapshotRef names one snapshot behind a report.
type SnapshotRef struct {
	Digest      string
	CollectedAt string
	Scopes      int
}

// History is what a history store says about the scans before this one.
// A nil *History means there is no store: the report says so instead of
// drawing an empty chart.
type History struct {
	// Trend is the open FAIL findings per day by severity and the mean
	// time to remediate per severity; nil when not asked for.
	Trend *Trend
	// Changes compares this scan with the previous one of the same
	// scopes; nil when there is no previous scan.
	Changes *Changes
}

// Trend is posture over a window of days.
type Trend struct {
	From, To string
	// Days has one entry per day of the window, oldest first.
	Days []TrendDay
	// MTTR has one entry per severity, most severe first.
	MTTR []MTTR
}

// TrendDay counts the FAIL findings open at the end of a day.
type TrendDay struct {
	Date string
	Open map[results.Severity]int
}

// MTTR is the time to remediate the findings of one severity resolved in
// the window.
type MTTR struct {
	Severity   results.Severity
	Resolved   int
	MeanDays   float64
	MedianDays float64
}

// Changes is what changed since the previous scan of the same scopes.
type Changes struct {
	// Previous names the earlier scan ("scan 41, 2026-10-31 12:00 UTC").
	Previous string
	// New are FAIL results absent or not failing in the previous scan.
	New []results.Result
	// Resolved are FAIL results of the previous scan that now pass or
	// are gone from a scope and control this scan covered.
	Resolved []results.Result
}
