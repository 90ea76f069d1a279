package reports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

func init() {
	Register("sarif", func(o Options) Reporter { return &SARIF{Options: o} })
}

// SARIF writes SARIF 2.1.0 for code scanning: one rule per control with
// its metadata and remediation as help, one result per FAIL (level by
// severity), ERROR (kind "review": undecided) and WAIVED (suppressed)
// result. PASS results are left out: code scanning shows alerts, not
// passes. With Options.Locate, a result points at the Terraform block of
// its resource; otherwise at the evaluated file.
type SARIF struct {
	Options Options
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration sarifLevel     `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifLevel struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Kind                string             `json:"kind"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	BaselineState       string             `json:"baselineState,omitempty"`
	Properties          map[string]any     `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI string `json:"uri"`
	} `json:"artifactLocation"`
	Region struct {
		StartLine int `json:"startLine"`
	} `json:"region"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// sarifLevelOf maps a severity to a SARIF level: critical and high are
// errors, medium warnings, low and info notes.
func sarifLevelOf(s results.Severity) string {
	switch {
	case s >= results.High:
		return "error"
	case s == results.Medium:
		return "warning"
	}
	return "note"
}

// securitySeverity is GitHub code scanning's numeric severity, which it
// shows as critical (>= 9.0), high (>= 7.0), medium (>= 4.0) or low.
var securitySeverity = map[results.Severity]string{
	results.Critical: "9.5", results.High: "8.0", results.Medium: "5.5", results.Low: "3.0", results.Info: "1.0",
}

// Write implements Reporter. The results are encoded one at a time into
// the log around them, as encoding the whole log would (same bytes): a
// scan of 100,000 results would otherwise hold them all as SARIF values
// and twice more as encoded text (compact, then indented).
func (s *SARIF) Write(w io.Writer, r *results.Report) error {
	rules, index := s.rules(r)
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "rampart", Version: s.Options.Version, InformationURI: "https://github.com/rampart-sec/rampart", Rules: rules}},
		Results: []sarifResult{},
	}
	var log bytes.Buffer
	enc := json.NewEncoder(&log)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}); err != nil {
		return err
	}
	// The results are the last member of the last run: their empty
	// array is the last `"results": []` of the log (one inside a string
	// would have its quotes escaped).
	text := log.Bytes()
	at := bytes.LastIndex(text, []byte(sarifResultsKey+"[]"))
	if at < 0 {
		return fmt.Errorf("sarif: no results array in the log")
	}
	bw := bufio.NewWriter(w)
	bw.Write(text[:at+len(sarifResultsKey)+1]) // up to and with '['
	var one bytes.Buffer
	renc := json.NewEncoder(&one)
	renc.SetIndent(sarifResultIndent, "  ")
	renc.SetEscapeHTML(false)
	n := 0
	for _, list := range [][]results.Result{r.Results, r.Absent} {
		for _, res := range list {
			if res.Status == results.Pass {
				continue
			}
			one.Reset()
			if err := renc.Encode(s.result(r, res, index)); err != nil {
				return err
			}
			if n > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n" + sarifResultIndent)
			bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
			n++
		}
	}
	if n > 0 {
		bw.WriteString("\n" + sarifResultIndent[:len(sarifResultIndent)-2])
	}
	bw.Write(text[at+len(sarifResultsKey)+1:]) // from ']'
	return bw.Flush()
}

// sarifResultsKey is how the log's results array starts, and
// sarifResultIndent the indentation of its elements (runs[0].results[i]).
const (
	sarifResultsKey   = `"results": `
	sarifResultIndent = "        "
)

// result is one FAIL, ERROR or WAIVED result as SARIF.
func (s *SARIF) result(r *results.Report, res results.Result, index map[string]int) sarifResult {
	sr := sarifResult{
		RuleID: res.Control, RuleIndex: index[res.Control], Kind: "fail", Level: sarifLevelOf(res.Severity),
		Message:             sarifText{Text: fmt.Sprintf("%s: %s", res.Resource, res.Message)},
		Locations:           []sarifLocation{s.location(r, res)},
		PartialFingerprints: map[string]string{"rampartResultId/v1": res.ID},
		Properties: map[string]any{
			"status": res.Status, "resource": res.Resource, "resourceType": res.ResourceType,
			"account": res.Account, "region": res.Region, "severity": res.Severity,
		},
	}
	switch res.Status {
	case results.Error:
		// Undecided, not a finding: SARIF requires level "none"
		// for any kind but "fail".
		sr.Kind, sr.Level = "review", "none"
	case results.Waived:
		sr.Suppressions = []sarifSuppression{{Kind: "external", Justification: res.Message}}
	}
	if r.Baseline != nil {
		sr.BaselineState = baselineState(r, res)
	}
	return sr
}

// baselineState is SARIF's mark of a result against the baseline: new,
// unchanged, absent, and "updated" for a result new to the gate on a
// control and resource the baseline had (its severity rose, or it was
// PASS, ERROR or WAIVED before).
func baselineState(r *results.Report, res results.Result) string {
	if res.Baseline == results.New && r.InBaseline(res.ID) {
		return "updated"
	}
	return string(res.Baseline)
}

// rules lists one rule per control of the report's summary (every control
// evaluated), with the metadata of Options.Rules where given.
func (s *SARIF) rules(r *results.Report) ([]sarifRule, map[string]int) {
	ids := map[string]results.ControlSummary{}
	for _, c := range r.Summary.Controls {
		ids[c.Control] = c
	}
	for _, res := range r.Results {
		if _, ok := ids[res.Control]; !ok {
			ids[res.Control] = results.ControlSummary{Control: res.Control, Title: res.Title, Severity: res.Severity}
		}
	}
	sorted := make([]string, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	var out []sarifRule
	index := map[string]int{}
	for _, id := range sorted {
		c := ids[id]
		meta, ok := s.Options.Rules[id]
		if !ok {
			meta = results.Control{ID: id, Title: c.Title, Severity: c.Severity}
			for _, res := range r.Results {
				if res.Control == id {
					meta.Remediation, meta.Frameworks, meta.MITRE, meta.Escalation = res.Remediation, res.Frameworks, res.MITRE, res.Escalation
					break
				}
			}
		}
		desc := meta.Description
		if desc == "" {
			desc = meta.Title
		}
		index[id] = len(out)
		out = append(out, sarifRule{
			ID: id, Name: ruleName(id),
			ShortDescription:     sarifText{Text: meta.Title},
			FullDescription:      sarifText{Text: strings.TrimSpace(desc)},
			Help:                 help(meta),
			DefaultConfiguration: sarifLevel{Level: sarifLevelOf(meta.Severity)},
			Properties:           ruleProperties(meta),
		})
	}
	return out, index
}

// ruleName is the control ID in CamelCase, SARIF's convention for names.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func help(m results.Control) sarifText {
	var txt, md strings.Builder
	desc := strings.TrimSpace(m.Description)
	if desc == "" {
		desc = m.Title
	}
	fmt.Fprintf(&txt, "%s\n", desc)
	fmt.Fprintf(&md, "**%s** (%s)\n\n%s\n", m.Title, m.Severity, desc)
	if rem := strings.TrimSpace(m.Remediation); rem != "" {
		fmt.Fprintf(&txt, "\nRemediation:\n%s\n", rem)
		fmt.Fprintf(&md, "\n**Remediation**\n\n```\n%s\n```\n", rem)
	}
	if m.Escalation != "" {
		fmt.Fprintf(&txt, "\nEscalate to: %s\n", m.Escalation)
		fmt.Fprintf(&md, "\nEscalate a failure to: %s\n", m.Escalation)
	}
	if refs := references(m); refs != "" {
		fmt.Fprintf(&txt, "\nReferences: %s\n", refs)
		fmt.Fprintf(&md, "\nReferences: %s\n", refs)
	}
	return sarifText{Text: txt.String(), Markdown: md.String()}
}

func references(m results.Control) string {
	var refs []string
	fws := make([]string, 0, len(m.Frameworks))
	for fw := range m.Frameworks {
		fws = append(fws, fw)
	}
	sort.Strings(fws)
	for _, fw := range fws {
		refs = append(refs, fmt.Sprintf("%s %s", fw, strings.Join(m.Frameworks[fw], ", ")))
	}
	if len(m.MITRE) > 0 {
		refs = append(refs, "MITRE ATT&CK "+strings.Join(m.MITRE, ", "))
	}
	return strings.Join(refs, "; ")
}

func ruleProperties(m results.Control) map[string]any {
	tags := []string{"security"}
	tags = append(tags, m.MITRE...)
	fws := make([]string, 0, len(m.Frameworks))
	for fw := range m.Frameworks {
		fws = append(fws, fw)
	}
	sort.Strings(fws)
	tags = append(tags, fws...)
	return map[string]any{
		"tags": tags, "precision": "high", "problem.severity": sarifLevelOf(m.Severity),
		"security-severity": securitySeverity[m.Severity], "severity": m.Severity,
	}
}

// location is the Terraform block of the result's resource, else of the
// first resource that grants to it (evidence "granted_by": a principal a
// plan grants to without managing it has no block of its own), else the
// evaluated file's first line, so that every result has a place.
func (s *SARIF) location(r *results.Report, res results.Result) sarifLocation {
	var loc sarifLocation
	file, line := r.Snapshot.File, 1
	if s.Options.Locate != nil {
		candidates := []string{res.Resource}
		if granted, ok := res.Evidence["granted_by"].([]any); ok {
			for _, g := range granted {
				if addr, ok := g.(string); ok {
					candidates = append(candidates, addr)
				}
			}
		}
		for _, c := range candidates {
			if l, ok := s.Options.Locate(c); ok {
				file, line = l.File, l.Line
				break
			}
		}
	}
	if file == "" {
		file = "rampart-input"
	}
	loc.PhysicalLocation.ArtifactLocation.URI = (&url.URL{Path: file}).String()
	loc.PhysicalLocation.Region.StartLine = line
	loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: res.Resource, Kind: "resource"}}
	return loc
}
