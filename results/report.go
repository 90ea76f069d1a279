package results

import (
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// Schema is the value of the "schema" key of a results document written
// now: rampart.results/v2 is v1 with each control's text (title,
// remediation, frameworks, MITRE, escalation) written once under
// "controls" instead of in every result.
const Schema = "rampart.results/v2"

// SchemaV1 is the schema of results documents written before v2; they
// are still read as baselines.
const SchemaV1 = "rampart.results/v1"

// Report is everything a report format needs: the results, their summary
// and the snapshot they were computed from.
type Report struct {
	Schema   string       `json:"schema"`
	Snapshot SnapshotInfo `json:"snapshot"`
	Summary  Summary      `json:"summary"`
	// Pass is "summary" when PASS results were left out of Results
	// (--pass summary): the summary still counts them.
	Pass string `json:"pass,omitempty"`
	// Errors are the snapshot's collection errors (failed calls, data
	// unknown until apply), the causes of ERROR results. Markers of what
	// a plan does not show (snapshot.CodeNotInPlan) are not errors and
	// are left out.
	Errors []snapshot.CollectionError `json:"errors,omitempty"`
	// Gate is what --fail-on decided, when it was asked for.
	Gate *GateInfo `json:"gate,omitempty"`
	// Baseline names the baseline the results were marked against
	// (Result.Baseline) and counts the marks.
	Baseline *BaselineInfo `json:"baseline,omitempty"`
	Results  []Result      `json:"results"`
	// Absent are the baseline's results no longer found, each marked
	// "absent"; apart from Results so that counts of Results stay
	// counts of this run.
	Absent []Result `json:"absent,omitempty"`

	// prior is the baseline Mark used, for InBaseline.
	prior Baseline
}

// GateInfo is the gate's verdict as a report records it.
type GateInfo struct {
	// FailOn is the least severity that fails.
	FailOn Severity `json:"fail_on"`
	// NewOnly: only results new since the baseline counted.
	NewOnly bool `json:"new_only"`
	// Findings counts the FAIL results that count, Failed whether any
	// did.
	Findings int  `json:"findings"`
	Failed   bool `json:"failed"`
}

// SnapshotInfo identifies the evidence a report was computed on.
type SnapshotInfo struct {
	File        string           `json:"file,omitempty"`
	Digest      string           `json:"digest"`
	CollectedAt time.Time        `json:"collected_at"`
	EvaluatedAt time.Time        `json:"evaluated_at"`
	Source      snapshot.Source  `json:"source"`
	Scopes      []snapshot.Scope `json:"scopes"`
	// Undated is true when the input carries no time of its own (a plan
	// of Terraform before 1.5): CollectedAt is then --now, or when the
	// file was read.
	Undated bool `json:"undated,omitempty"`
	// CollectionErrors counts the snapshot's collection errors (as
	// Report.Errors lists them); each one turned the results depending on
	// it into ERROR.
	CollectionErrors int `json:"collection_errors"`
}

// Summary counts results by status and severity, and per control. Every
// control evaluated appears in Controls, also when it produced no result,
// so a control that was silently skipped cannot hide.
type Summary struct {
	Total      int                         `json:"total"`
	ByStatus   map[Status]int              `json:"by_status"`
	BySeverity map[Severity]map[Status]int `json:"by_severity"`
	Controls   []ControlSummary            `json:"controls"`
}

// ControlSummary is one control's counts.
type ControlSummary struct {
	Control  string         `json:"control"`
	Title    string         `json:"title"`
	Severity Severity       `json:"severity"`
	Counts   map[Status]int `json:"counts"`
}

// Summarize counts rs, listing every control in controls (sorted by ID).
func Summarize(controls []Control, rs []Result) Summary {
	s := Summary{
		Total:      len(rs),
		ByStatus:   map[Status]int{},
		BySeverity: map[Severity]map[Status]int{},
	}
	for _, st := range Statuses {
		s.ByStatus[st] = 0
	}
	for _, sev := range Severities {
		s.BySeverity[sev] = map[Status]int{}
		for _, st := range Statuses {
			s.BySeverity[sev][st] = 0
		}
	}
	index := map[string]int{}
	for _, c := range controls {
		index[c.ID] = len(s.Controls)
		counts := map[Status]int{}
		for _, st := range Statuses {
			counts[st] = 0
		}
		s.Controls = append(s.Controls, ControlSummary{Control: c.ID, Title: c.Title, Severity: c.Severity, Counts: counts})
	}
	for _, r := range rs {
		s.ByStatus[r.Status]++
		if m, ok := s.BySeverity[r.Severity]; ok {
			m[r.Status]++
		}
		if i, ok := index[r.Control]; ok {
			s.Controls[i].Counts[r.Status]++
		}
	}
	return s
}
