package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"

	"github.com/rampart-sec/rampart/results"
)

// Table is the terminal report: what failed or could not be decided,
// grouped by severity, then the counts.
type Table struct {
	Color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
	ansiBlue   = "\x1b[34m"
	ansiGray   = "\x1b[90m"
)

func (t *Table) paint(code, s string) string {
	if !t.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *Table) status(s results.Status) string {
	switch s {
	case results.Fail:
		return t.paint(ansiRed, string(s))
	case results.Error:
		return t.paint(ansiYellow, string(s))
	case results.Waived:
		return t.paint(ansiBlue, string(s))
	case results.Pass:
		return t.paint(ansiGreen, string(s))
	}
	return string(s)
}

// Write implements Reporter.
func (t *Table) Write(w io.Writer, r *results.Report) error {
	info := r.Snapshot
	fmt.Fprintf(w, "%s %s\n", t.paint(ansiBold, "rampart"), t.paint(ansiGray, fmt.Sprintf("snapshot %s, collected %s, %d scope(s), source %s",
		shortDigest(info.Digest), info.CollectedAt.UTC().Format("2006-01-02T15:04:05Z"), len(info.Scopes), info.Source)))
	shown := 0
	for _, sev := range results.Severities {
		var rows [][]string
		for _, res := range r.Results {
			if res.Severity != sev || (res.Status != results.Fail && res.Status != results.Error) {
				continue
			}
			rows = append(rows, []string{t.status(res.Status), res.Control, res.Account, location(res), res.Message})
		}
		if len(rows) == 0 {
			continue
		}
		shown += len(rows)
		fmt.Fprintf(w, "\n%s (%d)\n", t.paint(ansiBold, strings.ToUpper(sev.String())), len(rows))
		tbl := tablewriter.NewTable(w)
		tbl.Header("Status", "Control", "Account", "Resource", "Message")
		for _, row := range rows {
			if err := tbl.Append(row); err != nil {
				return err
			}
		}
		if err := tbl.Render(); err != nil {
			return err
		}
	}
	if shown == 0 {
		fmt.Fprintf(w, "\n%s\n", t.paint(ansiGreen, "No failing or undecided results."))
	}
	return t.summary(w, r)
}

// location is the resource, with its region when the resource ID does not
// say it.
func location(r results.Result) string {
	if r.Region != "" && !strings.Contains(r.Resource, r.Region) {
		return r.Resource + " (" + r.Region + ")"
	}
	return r.Resource
}

func (t *Table) summary(w io.Writer, r *results.Report) error {
	fmt.Fprintf(w, "\n%s\n", t.paint(ansiBold, "SUMMARY"))
	tbl := tablewriter.NewTable(w)
	header := []any{"Severity"}
	for _, st := range results.Statuses {
		header = append(header, string(st))
	}
	tbl.Header(header...)
	for _, sev := range results.Severities {
		row := []string{sev.String()}
		for _, st := range results.Statuses {
			row = append(row, fmt.Sprint(r.Summary.BySeverity[sev][st]))
		}
		if err := tbl.Append(row); err != nil {
			return err
		}
	}
	total := []string{"total"}
	for _, st := range results.Statuses {
		total = append(total, fmt.Sprint(r.Summary.ByStatus[st]))
	}
	if err := tbl.Append(total); err != nil {
		return err
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d controls evaluated, %d results", len(r.Summary.Controls), r.Summary.Total)
	if n := r.Snapshot.CollectionErrors; n > 0 {
		fmt.Fprintf(w, ", %s", t.paint(ansiYellow, fmt.Sprintf("%d collection error(s) in the snapshot (their controls report ERROR)", n)))
	}
	fmt.Fprintln(w)
	return nil
}

func shortDigest(d string) string {
	if len(d) > len("sha256:")+12 {
		return d[:len("sha256:")+12]
	}
	return d
}
