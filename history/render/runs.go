package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/results"
)

// Runs writes the scans `rampart history` lists, newest first.
func Runs(w io.Writer, format string, runs []history.Run) error {
	switch format {
	case "json":
		if runs == nil {
			runs = []history.Run{}
		}
		return writeJSON(w, struct {
			Runs []history.Run `json:"runs"`
		}{runs})
	case "markdown":
		var rows [][]string
		for _, r := range runs {
			rows = append(rows, runRow(r))
		}
		mdTable(w, runHead, rows)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(runHead, "\t"))
	for _, r := range runs {
		fmt.Fprintln(tw, strings.Join(runRow(r), "\t"))
	}
	if len(runs) == 0 {
		fmt.Fprintln(tw, "(no scans stored)")
	}
	return tw.Flush()
}

var runHead = []string{"SCAN", "SCANNED (UTC)", "SCOPES", "FAIL", "ERROR", "WAIVED", "PASS", "FAIL C/H/M/L/I", "ERRORS", "STATUS"}

func runRow(r history.Run) []string {
	c := r.Counts
	var bySev []string
	for _, sev := range results.Severities {
		bySev = append(bySev, strconv.Itoa(c.BySeverity[sev][results.Fail]))
	}
	status := "complete"
	switch {
	case r.ShardCount > 0 && !r.Complete():
		status = fmt.Sprintf("incomplete: %d of %d shards in, missing %s", r.ShardCount-len(r.Missing), r.ShardCount, ints(r.Missing))
	case r.ShardCount > 0:
		status = fmt.Sprintf("complete: %d shards", r.ShardCount)
	}
	return []string{
		r.Ref.String(), r.ScannedAt.UTC().Format(time.DateTime), scopes(r.Scopes),
		strconv.Itoa(c.ByStatus[results.Fail]), strconv.Itoa(c.ByStatus[results.Error]),
		strconv.Itoa(c.ByStatus[results.Waived]), strconv.Itoa(c.ByStatus[results.Pass]),
		strings.Join(bySev, "/"), strconv.Itoa(r.CollectionErrors), status,
	}
}

// scopes summarises a scope list in one cell: per provider, the accounts
// when there are few, else their number.
func scopes(ps []history.Scope) string {
	if len(ps) == 0 {
		return "-"
	}
	byProvider := map[string][]string{}
	var order []string
	for _, p := range ps {
		if _, ok := byProvider[p.Provider]; !ok {
			order = append(order, p.Provider)
		}
		byProvider[p.Provider] = append(byProvider[p.Provider], p.Account)
	}
	var parts []string
	for _, prov := range order {
		accts := byProvider[prov]
		if len(accts) <= 2 {
			parts = append(parts, prov+":"+strings.Join(accts, ","))
		} else {
			parts = append(parts, fmt.Sprintf("%s:%d scopes", prov, len(accts)))
		}
	}
	return strings.Join(parts, " ")
}

func ints(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
