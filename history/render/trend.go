package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/results"
)

// Trend writes the daily open FAIL counts and the MTTR per severity.
func Trend(w io.Writer, format string, t *history.Trend) error {
	if format == "json" {
		return writeJSON(w, t)
	}
	dayHead := []string{"DATE"}
	for _, sev := range results.Severities {
		dayHead = append(dayHead, strings.ToUpper(sev.String()))
	}
	dayHead = append(dayHead, "TOTAL", "SCOPES")
	var days [][]string
	for _, d := range t.Days {
		row := []string{d.Date}
		for _, sev := range results.Severities {
			row = append(row, strconv.Itoa(d.Open[sev]))
		}
		days = append(days, append(row, strconv.Itoa(d.Total), strconv.Itoa(d.Scopes)))
	}
	mttrHead := []string{"SEVERITY", "RESOLVED", "MEAN DAYS", "MEDIAN DAYS"}
	var mttr [][]string
	for _, m := range t.MTTR {
		mean, median := "-", "-"
		if m.Resolved > 0 {
			mean, median = fmt.Sprintf("%.1f", m.MeanDays), fmt.Sprintf("%.1f", m.MedianDays)
		}
		mttr = append(mttr, []string{strings.ToUpper(m.Severity.String()), strconv.Itoa(m.Resolved), mean, median})
	}
	if format == "markdown" {
		fmt.Fprintf(w, "## Open FAIL findings per day, %s to %s\n\n", t.From, t.To)
		mdTable(w, dayHead, days)
		fmt.Fprintf(w, "\n## Mean time to remediate, findings resolved %s to %s\n\n", t.From, t.To)
		mdTable(w, mttrHead, mttr)
		return nil
	}
	fmt.Fprintf(w, "OPEN FAIL FINDINGS PER DAY (%s to %s, UTC)\n", t.From, t.To)
	if err := table(w, dayHead, days); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nMEAN TIME TO REMEDIATE (findings resolved %s to %s)\n", t.From, t.To)
	return table(w, mttrHead, mttr)
}

func table(w io.Writer, head []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
	return tw.Flush()
}
