package reports

import (
	"fmt"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// The listings of the table: rows grouped by control, laid out in
// columns that fit the width, and the causes of ERROR results.

// layout sizes the columns for every row listed, so that all listings
// line up: the account column only when rows name several accounts, the
// resource column as wide as needed up to a third of the room, and
// the message the rest; below 24 columns for the message, it goes on
// lines of its own.
func (p *printer) layout(rows []row) {
	accounts := map[string]bool{}
	where := 0
	for _, rw := range rows {
		accounts[rw.Result.Account] = true
		p.account = max(p.account, textWidth(rw.Result.Account))
		where = max(where, textWidth(rw.where(p.scopes)))
	}
	if len(accounts) < 2 && len(accountsOfScopes(p.scopes)) < 2 {
		p.account = 0
	}
	room := p.width - rowIndent
	if p.account > 0 {
		room -= p.account + 2
	}
	p.where = min(where, max(room/3, 16))
	p.message = room - p.where - 2
	if p.message < 24 {
		p.stacked = true
		p.where = min(where, room)
		p.message = p.width - rowIndent - 2
	}
}

func accountsOfScopes(scopes []snapshot.Scope) []string {
	var out []string
	for _, s := range scopes {
		out = appendNew(out, s.Account)
	}
	return out
}

// controls lists rows grouped by control, in the order given: a line
// naming the control and its title, then one line (or a few, wrapped) per
// row.
func (p *printer) controls(rows []row) {
	var order []string
	groups := map[string][]row{}
	for _, rw := range rows {
		id := rw.Result.Control
		if _, ok := groups[id]; !ok {
			order = append(order, id)
		}
		groups[id] = append(groups[id], rw)
	}
	for _, id := range order {
		g := groups[id]
		name := fmt.Sprintf("  %s (%d)", id, count(g))
		title := g[0].Result.Title
		if room := p.width - textWidth(name) - 2; title != "" && room > 8 {
			p.line(p.t.paint(ansiBold, name) + "  " + p.t.paint(ansiGray, truncate(title, room)))
		} else {
			p.line(p.t.paint(ansiBold, truncate(name, p.width)))
		}
		for _, rw := range g {
			p.row(rw)
		}
	}
}

// row writes one row: account, where, message, each wrapped in its
// column.
func (p *printer) row(rw row) {
	lead := strings.Repeat(" ", rowIndent)
	acct := ""
	if p.account > 0 {
		acct = pad(rw.Result.Account, p.account) + "  "
	}
	blankAcct := strings.Repeat(" ", textWidth(acct))
	wrap := wrapID
	if rw.Regions != nil {
		wrap = wrapWords // "37 of 38 regions, all but eu-west-1" is prose
	}
	where := wrap(rw.where(p.scopes), p.where, resourceLines)
	if p.stacked {
		for i, l := range where {
			if i == 0 {
				p.line(lead + acct + l)
			} else {
				p.line(lead + blankAcct + l)
			}
		}
		for _, l := range wrapWords(rw.message(), p.message, messageLines) {
			p.line(lead + "  " + l)
		}
		return
	}
	msg := wrapWords(rw.message(), p.message, messageLines)
	for i := 0; i < max(len(where), len(msg)); i++ {
		a, wcell, m := blankAcct, "", ""
		if i == 0 {
			a = acct
		}
		if i < len(where) {
			wcell = where[i]
		}
		if i < len(msg) {
			m = msg[i]
		}
		p.line(strings.TrimRight(lead+a+pad(wcell, p.where)+"  "+m, " "))
	}
}

// errors lists what could not be decided: the causes, each with where
// it happened, the controls it left undecided and the next step; then
// the ERROR results a control gave on collected data. It returns how many
// ERROR results it covered.
func (p *printer) errors(causes []*cause, undecided []row) int {
	n := count(undecided)
	for _, c := range causes {
		n += len(c.Results)
	}
	if n == 0 && len(causes) == 0 {
		return 0
	}
	detail := fmt.Sprintf("%d result%s undecided", n, plural(n))
	if len(causes) > 0 {
		detail += fmt.Sprintf(", %d cause%s", len(causes), plural(len(causes)))
	}
	p.heading("ERROR", detail, ansiYellow)
	for _, c := range causes {
		p.cause(c, true)
	}
	if len(undecided) > 0 {
		p.controls(undecided)
	}
	return n
}

// cause writes one cause of collection errors: what failed where, the
// provider's message, the results it left undecided (when the report has
// results) and the next step.
func (p *printer) cause(c *cause, withResults bool) {
	for i, l := range wrapWords(c.title(), p.width-4, 2) {
		if i == 0 {
			p.line(p.t.paint(ansiBold, "  "+l))
		} else {
			p.line(p.t.paint(ansiBold, "    "+l))
		}
	}
	if len(c.Sources) > 1 {
		lines := 2
		if !withResults {
			lines = 0 // rampart errors lists them all
		}
		p.para("    ", "sources: "+strings.Join(c.Sources, ", "), lines)
	}
	p.para("    ", c.Error.Message, 2)
	if withResults {
		p.para("    ", c.undecided(), 2)
	}
	if c.Hint != "" {
		p.para("    ", "next: "+c.Hint, 3)
	}
}

// para writes text wrapped under an indent.
func (p *printer) para(indent, text string, maxLines int) {
	for _, l := range wrapWords(text, p.width-textWidth(indent), maxLines) {
		p.line(indent + l)
	}
}
