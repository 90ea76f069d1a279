package render

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/results"
)

// section is one list of a diff as printed.
type section struct {
	title, note string
	rows        [][]string
}

func diffSections(d *history.Diff) []section {
	rows := func(rs []results.Result) [][]string {
		var out [][]string
		for _, r := range rs {
			out = append(out, []string{strings.ToUpper(r.Severity.String()), r.Control, r.Account, r.Region, r.Resource, string(r.Status)})
		}
		return out
	}
	var changed [][]string
	for _, c := range d.ChangedSeverity {
		r := c.Result
		changed = append(changed, []string{strings.ToUpper(c.Was.String()) + " -> " + strings.ToUpper(r.Severity.String()), r.Control, r.Account, r.Region, r.Resource, string(r.Status)})
	}
	return []section{
		{"New", "", rows(d.New)},
		{"Resolved", "", rows(d.Resolved)},
		{"Changed severity", "", changed},
		{"Still open", "", rows(d.StillOpen)},
		{"Undecided", "FAIL before; now ERROR, WAIVED or not scanned: not counted as resolved", rows(d.Undecided)},
	}
}

var diffHead = []string{"SEVERITY", "CONTROL", "ACCOUNT", "REGION", "RESOURCE", "STATUS"}

// Diff writes what changed between two scans.
func Diff(w io.Writer, format string, d *history.Diff) error {
	if format == "json" {
		return writeJSON(w, d)
	}
	title := fmt.Sprintf("%s (%s) -> %s (%s): %d new, %d resolved, %d still open, %d changed severity, %d undecided",
		d.From.Ref, d.From.ScannedAt.UTC().Format(time.DateTime), d.To.Ref, d.To.ScannedAt.UTC().Format(time.DateTime),
		len(d.New), len(d.Resolved), len(d.StillOpen), len(d.ChangedSeverity), len(d.Undecided))
	if format == "markdown" {
		fmt.Fprintf(w, "## rampart diff\n\n%s\n", title)
		for _, s := range diffSections(d) {
			fmt.Fprintf(w, "\n### %s (%d)\n\n", s.title, len(s.rows))
			if s.note != "" {
				fmt.Fprintf(w, "%s.\n\n", s.note)
			}
			if len(s.rows) > 0 {
				mdTable(w, diffHead, s.rows)
			}
		}
		return nil
	}
	fmt.Fprintln(w, title)
	for _, s := range diffSections(d) {
		fmt.Fprintf(w, "\n%s (%d)", strings.ToUpper(s.title), len(s.rows))
		if s.note != "" {
			fmt.Fprintf(w, " - %s", s.note)
		}
		fmt.Fprintln(w)
		if len(s.rows) == 0 {
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(diffHead, "\t"))
		for _, r := range s.rows {
			fmt.Fprintln(tw, strings.Join(r, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
