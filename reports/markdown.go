package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() {
	Register("markdown", func(o Options) Reporter { return Markdown{Hint: o.Hint} })
}

// Markdown writes a summary for a pull-request comment or
// $GITHUB_STEP_SUMMARY: counts by severity and status, then the FAIL and
// ERROR results (at most MarkdownRows of each, so the comment stays
// under the size limits of code hosts), then what was waived.
type Markdown struct {
	// Hint gives the next step for a collection error (Options.Hint).
	Hint func(snapshot.CollectionError) string
}

// MarkdownRows caps each table of the Markdown report.
const MarkdownRows = 50

// Write implements Reporter.
func (m Markdown) Write(w io.Writer, r *results.Report) error {
	r = printableReport(r)
	var b strings.Builder
	s := r.Summary
	fmt.Fprintf(&b, "## rampart: %s\n\n", mdVerdict(r))
	fmt.Fprintf(&b, "Evaluated `%s` (%s, %s) — %d controls, %d results.\n\n", mdCode(r.Snapshot.File), r.Snapshot.Source, shortDigest(r.Snapshot.Digest), len(s.Controls), s.Total)
	if bl := r.Baseline; bl != nil {
		fmt.Fprintf(&b, "Compared with the baseline `%s`: %d new finding%s, %d already present, %d no longer found.\n\n", mdCode(bl.File), bl.New, plural(bl.New), bl.Unchanged, bl.Absent)
	}
	b.WriteString("| severity | FAIL | ERROR | WAIVED | PASS |\n|---|--:|--:|--:|--:|\n")
	for _, sev := range results.Severities {
		m := s.BySeverity[sev]
		if m[results.Fail]+m[results.Error]+m[results.Waived]+m[results.Pass] == 0 {
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", sev, m[results.Fail], m[results.Error], m[results.Waived], m[results.Pass])
	}
	b.WriteString("\n")
	fails := only(r.Results, results.Fail)
	if r.Baseline != nil {
		table(&b, "New in this change", "FAIL results the baseline did not have (or had at a lower severity): these count for --new-only.", marked(fails, results.New), r.Snapshot.Scopes)
		table(&b, "Already present", "FAIL results the baseline already had.", marked(fails, results.Unchanged), r.Snapshot.Scopes)
	} else {
		table(&b, "Findings", "FAIL: the resource does not meet the control.", fails, r.Snapshot.Scopes)
	}
	table(&b, "Undecided", "ERROR: the data the control needs is unknown (e.g. until apply) or was not collected; not a finding, not a pass.", only(r.Results, results.Error), r.Snapshot.Scopes)
	m.errors(&b, r)
	table(&b, "Waived", "", only(r.Results, results.Waived), r.Snapshot.Scopes)
	if r.Baseline != nil {
		table(&b, "No longer found", "In the baseline, not found now: fixed, or the resource is gone.", r.Absent, r.Snapshot.Scopes)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// errors lists the collection errors by cause, with the next step.
func (m Markdown) errors(b *strings.Builder, r *results.Report) {
	causes, _ := groupCauses(r.Errors, r.Results, m.Hint)
	if len(causes) == 0 {
		return
	}
	fmt.Fprintf(b, "### Collection errors (%d cause%s)\n\n", len(causes), plural(len(causes)))
	b.WriteString("| what failed | message | undecided | next step |\n|---|---|---|---|\n")
	for i, c := range causes {
		if i == MarkdownRows {
			fmt.Fprintf(b, "\n…and %d more (rampart errors FILE lists them all).\n", len(causes)-MarkdownRows)
			break
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mdCell(c.title()), mdCell(c.Error.Message), mdCell(c.undecided()), mdCell(c.Hint))
	}
	b.WriteString("\n")
}

// mdVerdict is the heading: what the gate decided when one was asked
// for, counting exactly what it counted; else the findings, new and
// already present when there is a baseline.
func mdVerdict(r *results.Report) string {
	if g := r.Gate; g != nil {
		scope := ""
		if g.NewOnly {
			scope = " new"
		}
		if g.Failed {
			return fmt.Sprintf("gate failed, %d%s finding%s at or above %s", g.Findings, scope, plural(g.Findings), g.FailOn)
		}
		return fmt.Sprintf("gate passed, no%s finding at or above %s", scope, g.FailOn)
	}
	fails := only(r.Results, results.Fail)
	if r.Baseline != nil {
		return fmt.Sprintf("%d new finding%s, %d already present", len(marked(fails, results.New)), plural(len(marked(fails, results.New))), len(marked(fails, results.Unchanged)))
	}
	if n := r.Summary.ByStatus[results.Fail]; n > 0 {
		return fmt.Sprintf("%d finding%s", n, plural(n))
	}
	return "no findings"
}

// marked keeps the results of one baseline mark.
func marked(rs []results.Result, st results.BaselineState) []results.Result {
	var out []results.Result
	for _, r := range rs {
		if r.Baseline == st {
			out = append(out, r)
		}
	}
	return out
}

func table(b *strings.Builder, title, note string, rs []results.Result, scopes []snapshot.Scope) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s (%d)\n\n", title, len(rs))
	if note != "" {
		fmt.Fprintf(b, "%s\n\n", note)
	}
	b.WriteString("| severity | control | resource | message |\n|---|---|---|---|\n")
	// Results that differ only by region take one row.
	rows := foldRegions(rs, scopes)
	for i, rw := range rows {
		if i == MarkdownRows {
			fmt.Fprintf(b, "\n…and %d more (see the full report).\n", len(rows)-MarkdownRows)
			break
		}
		r := rw.Result
		res := "`" + mdCode(r.Resource) + "`"
		if rw.Regions != nil {
			res += " (" + regionsPhrase(rw.Regions, rw.Of) + ")"
		}
		fmt.Fprintf(b, "| %s | `%s` | %s | %s |\n", r.Severity, r.Control, res, mdCell(rw.message()))
	}
	b.WriteString("\n")
}

// mdCell makes text safe inside a table cell: pipes escaped, one line.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// mdCode makes text safe inside an inline code span in a table cell.
func mdCode(s string) string {
	s = strings.ReplaceAll(s, "`", "'")
	return strings.ReplaceAll(s, "|", `\|`)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
