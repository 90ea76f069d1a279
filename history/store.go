package history

import (
	"context"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// Store records scans and answers questions about them. Every method is
// safe for concurrent use, and several processes may write one store at
// once: each Record is one transaction.
type Store interface {
	// Record stores a scan: the report's snapshot identity, scopes and
	// every result, and updates the state of the findings it covers.
	// Either all of it is stored or, on any error, none of it.
	Record(ctx context.Context, r *results.Report, m Meta) (Scan, error)
	// Scans lists the stored scans matching f, newest first, with their
	// counts by status and severity.
	Scans(ctx context.Context, f Filter) ([]Scan, error)
	// Results returns the results of a scan, or of every shard of a run,
	// sorted as reports print them.
	Results(ctx context.Context, ref Ref) ([]results.Result, error)
	// Previous returns the newest stored scan or complete run, recorded
	// before the given one, that covers exactly the same scopes; ok is
	// false when there is none.
	Previous(ctx context.Context, ref Ref) (prev Ref, ok bool, err error)
	// Diff compares two scans (or runs): what is new in b, resolved since
	// a, still open, and changed severity.
	Diff(ctx context.Context, a, b Ref) (*Diff, error)
	// Trend counts open FAIL findings per day by severity, and the mean
	// time to remediate per severity, over a window.
	Trend(ctx context.Context, w Window) (*Trend, error)
	// Findings returns the state of findings across scans: when each was
	// first and last seen failing, when it was resolved, how often it
	// reopened.
	Findings(ctx context.Context, f FindingFilter) ([]Finding, error)
	// Snapshot returns the snapshot JSON stored with a scan (Meta.Snapshot),
	// ok false when the scan was recorded without it.
	Snapshot(ctx context.Context, scan int64) (data []byte, ok bool, err error)
	// Prune deletes scans recorded before the cutoff, and findings
	// resolved before it. Open findings are kept whatever their age.
	Prune(ctx context.Context, before time.Time) (Pruned, error)
	// Close releases the store's connections.
	Close() error
}

// Meta is what a scan record holds beyond the report itself.
type Meta struct {
	// RecordedAt is when the scan was stored; zero means now.
	RecordedAt time.Time
	// RampartVersion and CatalogueVersion identify the binary and the
	// controls the results were computed with.
	RampartVersion   string
	CatalogueVersion string
	// Run groups the shards of one sharded scan; empty for a scan that
	// stands alone.
	Run string
	// Shard is the part of the run this scan covers; zero when unsharded.
	Shard Shard
	// Snapshot is the snapshot JSON, stored gzip-compressed when not nil.
	Snapshot []byte
}

// Scan is one stored scan.
type Scan struct {
	ID int64 `json:"id"`
	// ScannedAt is the snapshot's collected_at: the time the results
	// describe, and the order scans are compared in.
	ScannedAt        time.Time `json:"scanned_at"`
	EvaluatedAt      time.Time `json:"evaluated_at"`
	RecordedAt       time.Time `json:"recorded_at"`
	Source           string    `json:"source"`
	Scopes           []Scope   `json:"scopes"`
	Digest           string    `json:"snapshot_digest"`
	RampartVersion   string    `json:"rampart_version"`
	CatalogueVersion string    `json:"catalogue_version"`
	CollectionErrors int       `json:"collection_errors"`
	Run              string    `json:"run,omitempty"`
	Shard            Shard     `json:"shard"`
	HasSnapshot      bool      `json:"has_snapshot"`
	Counts           Counts    `json:"counts"`
}

// Scope is one provider account (subscription, project) a scan covered.
type Scope struct {
	Provider string `json:"provider"`
	Account  string `json:"account"`
	Name     string `json:"name,omitempty"`
}

// Counts are a scan's results by status, and by severity and status.
type Counts struct {
	Total      int                                         `json:"total"`
	ByStatus   map[results.Status]int                      `json:"by_status"`
	BySeverity map[results.Severity]map[results.Status]int `json:"by_severity"`
}

func newCounts() Counts {
	return Counts{ByStatus: map[results.Status]int{}, BySeverity: map[results.Severity]map[results.Status]int{}}
}

func (c *Counts) add(sev results.Severity, st results.Status, n int) {
	c.Total += n
	c.ByStatus[st] += n
	if c.BySeverity[sev] == nil {
		c.BySeverity[sev] = map[results.Status]int{}
	}
	c.BySeverity[sev][st] += n
}

func (c *Counts) merge(o Counts) {
	for sev, m := range o.BySeverity {
		for st, n := range m {
			c.add(sev, st, n)
		}
	}
}

// Filter selects scans; zero fields select everything.
type Filter struct {
	// Since and Until bound ScannedAt (Until exclusive).
	Since, Until time.Time
	// Limit keeps the newest Limit scans; 0 is no limit.
	Limit int
}

// Pruned counts what Prune deleted.
type Pruned struct {
	Scans    int64 `json:"scans"`
	Findings int64 `json:"findings"`
}

// FindingFilter selects findings; zero fields select everything.
type FindingFilter struct {
	// OpenOnly keeps the findings not resolved.
	OpenOnly bool
	// IDs keeps these finding (result) IDs.
	IDs []string
}

// Finding is the life of one finding (a result ID that failed at least
// once) across the stored scans.
type Finding struct {
	ID       string           `json:"id"`
	Control  string           `json:"control"`
	Provider string           `json:"provider"`
	Account  string           `json:"account"`
	Region   string           `json:"region"`
	Resource string           `json:"resource"`
	Severity results.Severity `json:"severity"`
	// FirstSeen and LastSeen are the collection times of the first and
	// last scans that found it failing.
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// OpenedAt starts the current episode: FirstSeen, or the scan that
	// found it failing again after it was resolved.
	OpenedAt time.Time `json:"opened_at"`
	// ResolvedAt is the first scan that found it gone or passing; nil
	// while open.
	ResolvedAt *time.Time `json:"resolved_at"`
	// Reopened counts how often it failed again after being resolved.
	Reopened int `json:"reopened"`
}
