package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/rampart-sec/rampart/results"
)

// WriteErrors writes the collection errors of a report (`rampart errors
// FILE`): grouped by cause, where each happened, the results it left
// undecided when the report has results, and the next step (o.Hint).
// format is "table" (for a person, o.Width wide) or "json".
func WriteErrors(w io.Writer, r *results.Report, format string, o Options) error {
	if format != "json" {
		r = printableReport(r)
	}
	causes, _ := groupCauses(r.Errors, r.Results, o.Hint)
	switch format {
	case "json":
		return errorsJSON(w, causes)
	case "table":
	default:
		return fmt.Errorf("unknown format %q: expected table or json", format)
	}
	bw := bufio.NewWriter(w)
	t := &Table{Color: o.Color, Width: o.Width, Hint: o.Hint}
	p := &printer{t: t, w: bw, width: t.width(), scopes: r.Snapshot.Scopes}
	p.header(r)
	calls := 0
	for _, c := range causes {
		calls += c.Calls
	}
	if len(causes) == 0 {
		p.blank()
		p.line(t.paint(ansiGreen, "No collection errors: every call returned its data."))
		return bw.Flush()
	}
	p.heading("COLLECTION ERRORS", fmt.Sprintf("%d recorded, %d cause%s", calls, len(causes), plural(len(causes))), ansiYellow)
	for _, c := range causes {
		p.cause(c, len(r.Results) > 0)
	}
	return bw.Flush()
}

// errorCause is one cause in the JSON form of WriteErrors.
type errorCause struct {
	Provider string `json:"provider"`
	// Sources are the failed "service operation" pairs ("iam data": every
	// operation of the service).
	Sources   []string       `json:"sources"`
	Code      string         `json:"code"`
	Message   string         `json:"message"`
	Accounts  []string       `json:"accounts"`
	Regions   []string       `json:"regions"`
	Calls     int            `json:"calls"`
	Undecided map[string]int `json:"undecided,omitempty"`
	Hint      string         `json:"hint,omitempty"`
}

func errorsJSON(w io.Writer, causes []*cause) error {
	out := make([]errorCause, 0, len(causes))
	for _, c := range causes {
		e := c.Error
		ec := errorCause{Provider: e.Provider, Sources: c.Sources, Code: e.Code, Message: e.Message,
			Accounts: nonNil(c.Accounts), Regions: nonNil(c.Regions), Calls: c.Calls, Hint: c.Hint}
		if len(c.Controls) > 0 {
			ec.Undecided = c.Controls
		}
		out = append(out, ec)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"causes": out})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
