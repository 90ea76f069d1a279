package reports

import (
	"bufio"
	"encoding/json"
	"io"
	"sort"

	"github.com/rampart-sec/rampart/results"
)

// JSON writes the report as rampart.results/v2, the form baselines and
// scripts read back. It is written as it goes, one result per line, so
// that a report of 100,000 results costs no more memory than one result:
// the header (snapshot, summary, gate, baseline, errors), then each
// control's text once under "controls", then the results, which name
// their control by id.
type JSON struct {
	// Rules is the controls' metadata (Options.Rules); a control it
	// lacks is described from its results.
	Rules map[string]results.Control
}

// jsonControl is one entry of the "controls" section.
type jsonControl struct {
	Title       string              `json:"title"`
	Description string              `json:"description,omitempty"`
	Severity    results.Severity    `json:"severity"`
	Provider    string              `json:"provider,omitempty"`
	Frameworks  map[string][]string `json:"frameworks"`
	MITRE       []string            `json:"mitre"`
	Remediation string              `json:"remediation"`
	Escalation  string              `json:"escalation"`
}

// Write implements Reporter.
func (j JSON) Write(w io.Writer, r *results.Report) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	jw := &jsonWriter{w: bw}
	jw.raw("{\n")
	jw.field("schema", results.Schema, false)
	jw.field("snapshot", r.Snapshot, true)
	jw.field("summary", r.Summary, true)
	if r.Pass != "" {
		jw.field("pass", r.Pass, true)
	}
	if r.Gate != nil {
		jw.field("gate", r.Gate, true)
	}
	if r.Baseline != nil {
		jw.field("baseline", r.Baseline, true)
	}
	if len(r.Errors) > 0 {
		jw.field("errors", r.Errors, true)
	}
	jw.controls(j.controls(r))
	jw.results("results", r.Results)
	if len(r.Absent) > 0 {
		jw.results("absent", r.Absent)
	}
	jw.raw("\n}\n")
	if jw.err != nil {
		return jw.err
	}
	return bw.Flush()
}

// controls describes every control the report names: those evaluated
// and those of absent results, from Rules, else from one of its results,
// else from the summary.
func (j JSON) controls(r *results.Report) map[string]jsonControl {
	first := map[string]*results.Result{}
	for _, set := range [][]results.Result{r.Results, r.Absent} {
		for i := range set {
			// The first result that carries its control's text.
			if f, ok := first[set[i].Control]; !ok || f.Remediation == "" && set[i].Remediation != "" {
				first[set[i].Control] = &set[i]
			}
		}
	}
	out := map[string]jsonControl{}
	add := func(id string, c results.Control) {
		if rule, ok := j.Rules[id]; ok {
			c = rule
		} else if res := first[id]; res != nil {
			c = results.Control{ID: id, Title: res.Title, Severity: res.Severity, Provider: res.Provider,
				Frameworks: res.Frameworks, MITRE: res.MITRE, Remediation: res.Remediation, Escalation: res.Escalation}
		}
		jc := jsonControl{Title: c.Title, Description: c.Description, Severity: c.Severity, Provider: c.Provider,
			Frameworks: c.Frameworks, MITRE: c.MITRE, Remediation: c.Remediation, Escalation: c.Escalation}
		if jc.Frameworks == nil {
			jc.Frameworks = map[string][]string{}
		}
		if jc.MITRE == nil {
			jc.MITRE = []string{}
		}
		out[id] = jc
	}
	for _, c := range r.Summary.Controls {
		add(c.Control, results.Control{ID: c.Control, Title: c.Title, Severity: c.Severity})
	}
	for id, res := range first {
		if _, ok := out[id]; !ok {
			add(id, results.Control{ID: id, Title: res.Title, Severity: res.Severity})
		}
	}
	return out
}

// jsonWriter writes the document piece by piece, keeping the first error.
type jsonWriter struct {
	w   *bufio.Writer
	err error
	buf []byte
}

func (jw *jsonWriter) raw(s string) {
	if jw.err == nil {
		_, jw.err = jw.w.WriteString(s)
	}
}

// field writes `  "key": value` (indented), after a comma when not the
// first.
func (jw *jsonWriter) field(key string, v any, comma bool) {
	if comma {
		jw.raw(",\n")
	}
	b, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil && jw.err == nil {
		jw.err = err
	}
	jw.raw("  " + quoteJSON(key) + ": ")
	if jw.err == nil {
		_, jw.err = jw.w.Write(b)
	}
}

// controls writes the controls section, one control per line, sorted.
func (jw *jsonWriter) controls(cs map[string]jsonControl) {
	ids := make([]string, 0, len(cs))
	for id := range cs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	jw.raw(",\n  \"controls\": {")
	for i, id := range ids {
		if i > 0 {
			jw.raw(",")
		}
		b, err := json.Marshal(cs[id])
		if err != nil && jw.err == nil {
			jw.err = err
		}
		jw.raw("\n    " + quoteJSON(id) + ": ")
		if jw.err == nil {
			_, jw.err = jw.w.Write(b)
		}
	}
	if len(ids) > 0 {
		jw.raw("\n  ")
	}
	jw.raw("}")
}

// results writes a list of results, one per line.
func (jw *jsonWriter) results(key string, rs []results.Result) {
	jw.raw(",\n  " + quoteJSON(key) + ": [")
	for i := range rs {
		if i > 0 {
			jw.raw(",")
		}
		jw.raw("\n    ")
		jw.buf = appendResult(jw.buf[:0], &rs[i])
		if jw.err == nil {
			_, jw.err = jw.w.Write(jw.buf)
		}
	}
	if len(rs) > 0 {
		jw.raw("\n  ")
	}
	jw.raw("]")
}
