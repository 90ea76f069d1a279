package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// DefaultWidth is the width of the table when the terminal's is unknown.
const DefaultWidth = 100

// Table is the terminal report, laid out for a person reading it at a
// given width: what failed, most severe first and grouped by control;
// what could not be decided, grouped by cause with the next step; the
// counts; and the commands that show more. No line is wider than Width:
// long messages are wrapped and, past a few lines, cut (the JSON report
// has them whole).
type Table struct {
	Color bool
	// Width is the terminal's width in columns; 0 means DefaultWidth.
	Width int
	// Hint gives the next step for a collection error; nil gives none.
	Hint func(snapshot.CollectionError) string
	// Statuses are the statuses listed; nil lists FAIL and ERROR.
	Statuses []results.Status
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

// Lines of a cell before it is cut short.
const (
	messageLines  = 3
	resourceLines = 2
)

func (t *Table) paint(code, s string) string {
	if !t.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *Table) statusColor(s results.Status) string {
	switch s {
	case results.Fail:
		return ansiRed
	case results.Error:
		return ansiYellow
	case results.Waived:
		return ansiBlue
	}
	return ansiGreen
}

func (t *Table) width() int {
	if t.Width <= 0 {
		return DefaultWidth
	}
	return max(t.Width, 40)
}

func (t *Table) shows(s results.Status) bool {
	if t.Statuses == nil {
		return s == results.Fail || s == results.Error
	}
	for _, x := range t.Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// Write implements Reporter.
func (t *Table) Write(w io.Writer, r *results.Report) error {
	r = printableReport(r)
	bw := bufio.NewWriter(w)
	p := &printer{t: t, w: bw, width: t.width(), scopes: r.Snapshot.Scopes}
	p.header(r)
	var listed []row
	bySev := map[results.Severity][]row{}
	for _, st := range []results.Status{results.Fail, results.Waived, results.Pass} {
		if !t.shows(st) {
			continue
		}
		rows := foldRegions(only(r.Results, st), r.Snapshot.Scopes)
		listed = append(listed, rows...)
		if st == results.Fail {
			for _, rw := range rows {
				bySev[rw.Result.Severity] = append(bySev[rw.Result.Severity], rw)
			}
		}
	}
	var causes []*cause
	var undecided []row
	if t.shows(results.Error) {
		var other []results.Result
		causes, other = groupCauses(r.Errors, r.Results, t.Hint)
		undecided = foldRegions(other, r.Snapshot.Scopes)
		listed = append(listed, undecided...)
	}
	p.layout(listed)
	shown := 0
	for _, sev := range results.Severities {
		rows := bySev[sev]
		if len(rows) == 0 {
			continue
		}
		n := count(rows)
		shown += n
		p.heading(strings.ToUpper(sev.String()), fmt.Sprintf("%d FAIL", n), ansiRed)
		p.controls(rows)
	}
	shown += p.errors(causes, undecided)
	for _, st := range []results.Status{results.Waived, results.Pass} {
		if !t.shows(st) {
			continue
		}
		rows := foldRegions(only(r.Results, st), r.Snapshot.Scopes)
		if len(rows) == 0 {
			continue
		}
		shown += count(rows)
		p.heading(string(st), fmt.Sprintf("%d result%s", count(rows), plural(count(rows))), t.statusColor(st))
		p.controls(rows)
	}
	if shown == 0 {
		p.blank()
		p.line(t.paint(ansiGreen, "Nothing failed and nothing was left undecided."))
	}
	p.summary(r)
	p.footer(r, bySev)
	return bw.Flush()
}

// only keeps the results of one status.
func only(rs []results.Result, st results.Status) []results.Result {
	n := 0
	for i := range rs {
		if rs[i].Status == st {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]results.Result, 0, n)
	for _, r := range rs {
		if r.Status == st {
			out = append(out, r)
		}
	}
	return out
}

func count(rows []row) int {
	n := 0
	for _, rw := range rows {
		n += len(rw.Results)
	}
	return n
}

// printer writes the table's lines, each at most width columns.
type printer struct {
	t      *Table
	w      *bufio.Writer
	width  int
	scopes []snapshot.Scope
	// column widths of the listings: account (0 when one account, shown
	// in the header instead), where, message; stacked puts the message
	// under the resource when the width leaves it too little room.
	account, where, message int
	stacked                 bool
}

// indent of the rows under a control.
const rowIndent = 4

func (p *printer) line(s string) { p.w.WriteString(s + "\n") }
func (p *printer) blank()        { p.w.WriteString("\n") }

// header says what was evaluated: a snapshot (its digest and collection
// time) or a plan (its file and the time it was made), the accounts.
func (p *printer) header(r *results.Report) {
	info := r.Snapshot
	var parts []string
	if info.Source == snapshot.SourceTerraformPlan {
		when := "planned " + info.CollectedAt.UTC().Format("2006-01-02T15:04:05Z")
		if info.Undated {
			when = "no timestamp (Terraform < 1.5), dated " + info.CollectedAt.UTC().Format("2006-01-02T15:04:05Z")
		}
		parts = append(parts, "plan "+orDash(info.File), when)
	} else {
		parts = append(parts, "snapshot "+shortDigest(info.Digest), "collected "+info.CollectedAt.UTC().Format("2006-01-02T15:04:05Z"))
	}
	switch accounts := accountsOf(r); len(accounts) {
	case 0:
		if info.Source == snapshot.SourceTerraformPlan {
			parts = append(parts, "account unknown")
		}
	case 1:
		parts = append(parts, "account "+accounts[0])
	default:
		parts = append(parts, fmt.Sprintf("%d accounts", len(accounts)))
	}
	if info.Source != snapshot.SourceTerraformPlan && info.Source != "" {
		parts = append(parts, "source "+string(info.Source))
	}
	// Wrapped between parts, not inside one.
	lead, l := p.t.paint(ansiBold, "rampart")+" ", ""
	for _, part := range parts {
		part = truncate(part, p.width-len("rampart "))
		if l != "" && len("rampart ")+textWidth(l)+len(" · ")+textWidth(part) > p.width {
			p.line(lead + p.t.paint(ansiGray, l))
			lead, l = "        ", ""
		}
		if l != "" {
			l += " · "
		}
		l += part
	}
	p.line(lead + p.t.paint(ansiGray, l))
	if bl := r.Baseline; bl != nil {
		p.para("        ", fmt.Sprintf("baseline %s: %d new finding%s, %d already present, %d no longer found", orDash(bl.File), bl.New, plural(bl.New), bl.Unchanged, bl.Absent), 2)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// accountsOf lists the accounts of the report: its scopes, else those
// its results name.
func accountsOf(r *results.Report) []string {
	var out []string
	for _, s := range r.Snapshot.Scopes {
		out = appendNew(out, s.Account)
	}
	if len(out) == 0 {
		for _, res := range r.Results {
			out = appendNew(out, res.Account)
		}
	}
	return out
}

func (p *printer) heading(title, detail, color string) {
	p.blank()
	p.line(p.t.paint(ansiBold+color, title) + " " + p.t.paint(ansiGray, "· "+detail))
}

// summary is the counts by severity and status.
func (p *printer) summary(r *results.Report) {
	p.blank()
	p.line(p.t.paint(ansiBold, "SUMMARY"))
	const sevW = 10
	numW := min(8, (p.width-sevW)/len(results.Statuses))
	head := pad("", sevW)
	for _, st := range results.Statuses {
		head += padLeft(string(st), numW)
	}
	p.line(p.t.paint(ansiGray, head))
	for _, sev := range results.Severities {
		l := pad(sev.String(), sevW)
		for _, st := range results.Statuses {
			l += padLeft(fmt.Sprint(r.Summary.BySeverity[sev][st]), numW)
		}
		p.line(l)
	}
	l := pad("total", sevW)
	for _, st := range results.Statuses {
		l += padLeft(fmt.Sprint(r.Summary.ByStatus[st]), numW)
	}
	p.line(p.t.paint(ansiBold, l))
	tail := fmt.Sprintf("%d controls evaluated, %d results", len(r.Summary.Controls), r.Summary.Total)
	if n := len(r.Errors); n > 0 {
		tail += fmt.Sprintf(", %d collection error%s in the input", n, plural(n))
	}
	p.para("", tail+".", 0)
}

// footer says how to see more: a control's description and remediation,
// every result with its full message, the collection errors.
func (p *printer) footer(r *results.Report, bySev map[results.Severity][]row) {
	example := "ID"
	for _, sev := range results.Severities {
		if rows := bySev[sev]; len(rows) > 0 {
			example = rows[0].Result.Control
			break
		}
	}
	p.blank()
	p.line(p.t.paint(ansiBold, "MORE"))
	hints := [][2]string{
		{"rampart policy show " + example, "what a control checks and how to fix it"},
		{"--format json", "every result, full messages and evidence"},
		{"--status FAIL,ERROR", "list only these statuses"},
	}
	if len(r.Errors) > 0 && r.Snapshot.File != "" && r.Snapshot.Source != snapshot.SourceTerraformPlan {
		hints = append(hints, [2]string{"rampart errors " + r.Snapshot.File, "every failed call, grouped by cause"})
	}
	cmdW := 0
	for _, h := range hints {
		cmdW = max(cmdW, textWidth(h[0]))
	}
	for _, h := range hints {
		if 2+cmdW+2+textWidth(h[1]) <= p.width {
			p.line("  " + pad(h[0], cmdW) + "  " + p.t.paint(ansiGray, h[1]))
			continue
		}
		p.line("  " + truncate(h[0], p.width-2))
		p.para("    ", h[1], 0)
	}
}

func shortDigest(d string) string {
	if len(d) > len("sha256:")+12 {
		return d[:len("sha256:")+12]
	}
	return d
}
