package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

func init() {
	Register("markdown", func(Options) Reporter { return Markdown{} })
}

// Markdown writes a summary for a pull-request comment or
// $GITHUB_STEP_SUMMARY: counts by severity and status, then the FAIL and
// ERROR results (at most MarkdownRows of each, so the comment stays
// under the size limits of code hosts), then what was waived.
type Markdown struct{}

// MarkdownRows caps each table of the Markdown report.
const MarkdownRows = 50

// Write implements Reporter.
func (Markdown) Write(w io.Writer, r *results.Report) error {
	var b strings.Builder
	s := r.Summary
	verdict := "no findings"
	if n := s.ByStatus[results.Fail]; n > 0 {
		verdict = fmt.Sprintf("%d finding%s", n, plural(n))
	}
	fmt.Fprintf(&b, "## rampart: %s\n\n", verdict)
	fmt.Fprintf(&b, "Evaluated `%s` (%s, %s) — %d controls, %d results.\n\n", mdCode(r.Snapshot.File), r.Snapshot.Source, shortDigest(r.Snapshot.Digest), len(s.Controls), s.Total)
	b.WriteString("| severity | FAIL | ERROR | WAIVED | PASS |\n|---|--:|--:|--:|--:|\n")
	for _, sev := range results.Severities {
		m := s.BySeverity[sev]
		if m[results.Fail]+m[results.Error]+m[results.Waived]+m[results.Pass] == 0 {
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", sev, m[results.Fail], m[results.Error], m[results.Waived], m[results.Pass])
	}
	b.WriteString("\n")
	table(&b, "Findings", "FAIL: the resource does not meet the control.", r.Results, results.Fail)
	table(&b, "Undecided", "ERROR: the data the control needs is unknown (e.g. until apply) or was not collected; not a finding, not a pass.", r.Results, results.Error)
	table(&b, "Waived", "", r.Results, results.Waived)
	_, err := io.WriteString(w, b.String())
	return err
}

func table(b *strings.Builder, title, note string, rs []results.Result, st results.Status) {
	var rows []results.Result
	for _, r := range rs {
		if r.Status == st {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s (%d)\n\n", title, len(rows))
	if note != "" {
		fmt.Fprintf(b, "%s\n\n", note)
	}
	b.WriteString("| severity | control | resource | message |\n|---|---|---|---|\n")
	for i, r := range rows {
		if i == MarkdownRows {
			fmt.Fprintf(b, "\n…and %d more (see the full report).\n", len(rows)-MarkdownRows)
			break
		}
		fmt.Fprintf(b, "| %s | `%s` | `%s` | %s |\n", r.Severity, r.Control, mdCode(r.Resource), mdCell(r.Message))
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
