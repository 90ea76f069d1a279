package reports

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

func init() {
	Register("html", func(o Options) Reporter { return &HTML{Options: o} })
}

//go:embed html/report.html.tmpl
var htmlTemplate string

//go:embed html/report.css
var htmlCSS string

// changesShown caps each list of changes in the summary.
const changesShown = 25

// htmlPage is the report template, parsed once.
var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"css":        func() template.CSS { return template.CSS(htmlCSS) },
	"severities": func() []results.Severity { return results.Severities },
	"upper":      func(s results.Severity) string { return strings.ToUpper(s.String()) },
	"sevBadge": func(s results.Severity) template.HTML {
		return template.HTML(`<span class="sev sev-` + s.String() + `">` + strings.ToUpper(s.String()) + `</span>`)
	},
	"statusBadge": func(s results.Status) template.HTML {
		return template.HTML(`<span class="st st-` + template.HTMLEscapeString(string(s)) + `">` + template.HTMLEscapeString(string(s)) + `</span>`)
	},
	"count":    func(m map[results.Status]int, s string) int { return m[results.Status(s)] },
	"provider": providerName,
	"utc":      utc,
	"short":    digestPrefix,
	"sfx":      sfx,
	"join":     strings.Join,
	"failBars": failBars,
	"trend":    trendChart,
	"meter":    meter,
}).Parse(htmlTemplate))

// HTML writes the audit report for people: one self-contained page
// (inline CSS and SVG, no script, no request to anywhere) with the
// executive summary, escalation, compliance, trend, findings and
// evidence sections, readable on screen and printed.
type HTML struct {
	Options Options
	// Print opens every findings block, as a printed page cannot.
	Print bool
}

// Write implements Reporter.
func (h *HTML) Write(w io.Writer, r *results.Report) error {
	c := buildCISO(r, h.Options)
	c.Print = h.Print
	var b bytes.Buffer
	if err := htmlPage.Execute(&b, c); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// changeList is one list of the changes since the previous scan, capped.
type changeList struct {
	Title   string
	Results []results.Result
	Shown   []changeRow
	More    int
}

// changeRow is a changed result with its account named.
type changeRow struct {
	results.Result
	AccountLabel string
}

// ChangeList lists changed results for the template, capped at
// changesShown, accounts named as in the rest of the report.
func (c *ciso) ChangeList(title string, rs []results.Result) changeList {
	l := changeList{Title: title, Results: rs}
	shown := rs
	if len(rs) > changesShown {
		shown, l.More = rs[:changesShown], len(rs)-changesShown
	}
	for _, r := range shown {
		l.Shown = append(l.Shown, changeRow{Result: r, AccountLabel: accountLabel(c.names[scopeKey{r.Provider, r.Account}], r.Account)})
	}
	return l
}

// digestPrefix shortens a digest for a heading; the evidence section
// prints it whole.
func digestPrefix(d string) string {
	algo, hex, ok := strings.Cut(d, ":")
	if !ok {
		algo, hex = "", d
	}
	if len(hex) > 12 {
		hex = hex[:12] + "…"
	}
	if algo != "" {
		return algo + ":" + hex
	}
	if hex == "" {
		return "unknown"
	}
	return hex
}
