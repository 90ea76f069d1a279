package reports

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

// controlGroup is every FAIL and ERROR of one control: the unit the
// findings section shows, one collapsed block per control, not one row
// per region.
type controlGroup struct {
	Control, Title, Description string
	Severity                    results.Severity
	Remediation, Escalation     string
	Fail, Error                 int
	// FailAccounts lists the accounts with a FAIL, sorted.
	FailAccounts []string
	// Accounts counts the accounts with a FAIL or an ERROR.
	Accounts int
	Rows     []*findingRow
}

// findingRow is one resource of one account under one control and
// status, its regions folded: "FAIL in 37 of 38 regions".
type findingRow struct {
	Status       results.Status
	Account      string
	AccountLabel string
	Resource     string
	ResourceType string
	// Regions are the regions the status holds in; empty for a result
	// that is not regional.
	Regions []string
	// Evaluated counts the regions the control judged this resource in,
	// whatever the status.
	Evaluated int
	// Messages are the distinct messages, in first-seen order.
	Messages []string
	// Evidence holds each distinct evidence document once, with the
	// regions it was seen in.
	Evidence []evidenceBlock
}

// evidenceBlock is one evidence document and where it applies.
type evidenceBlock struct {
	Regions []string
	JSON    string
}

// Where says in words where the row's status holds.
func (f *findingRow) Where() string {
	if len(f.Regions) == 0 {
		return "not regional"
	}
	return fmt.Sprintf("%d of %d region%s", len(f.Regions), f.Evaluated, sfx(f.Evaluated))
}

// groupFindings builds the control groups of every FAIL and ERROR, most
// severe control first.
func groupFindings(r *results.Report, rules map[string]results.Control, names map[scopeKey]string) []*controlGroup {
	type rowKey struct {
		status                      results.Status
		provider, account, resource string
	}
	type placeKey struct{ control, provider, account, resource string }
	evaluated := map[placeKey]int{}
	for i := range r.Results {
		res := &r.Results[i]
		if res.Region != "" {
			evaluated[placeKey{res.Control, res.Provider, res.Account, res.Resource}]++
		}
	}
	groups := map[string]*controlGroup{}
	rows := map[string]map[rowKey]*findingRow{}
	failAccounts := map[string]map[string]bool{}
	anyAccounts := map[string]map[scopeKey]bool{}
	for i := range r.Results {
		res := &r.Results[i]
		if res.Status != results.Fail && res.Status != results.Error {
			continue
		}
		g := groups[res.Control]
		if g == nil {
			rule := rules[res.Control]
			g = &controlGroup{Control: res.Control, Title: res.Title, Severity: res.Severity,
				Description: rule.Description, Remediation: res.Remediation, Escalation: res.Escalation}
			if g.Title == "" {
				g.Title = rule.Title
			}
			groups[res.Control] = g
			rows[res.Control] = map[rowKey]*findingRow{}
			failAccounts[res.Control] = map[string]bool{}
			anyAccounts[res.Control] = map[scopeKey]bool{}
		}
		k := scopeKey{res.Provider, res.Account}
		anyAccounts[res.Control][k] = true
		label := accountLabel(names[k], res.Account)
		if res.Status == results.Fail {
			g.Fail++
			failAccounts[res.Control][label] = true
		} else {
			g.Error++
		}
		rk := rowKey{res.Status, res.Provider, res.Account, res.Resource}
		row := rows[res.Control][rk]
		if row == nil {
			row = &findingRow{Status: res.Status, Account: res.Account, AccountLabel: label,
				Resource: res.Resource, ResourceType: res.ResourceType,
				Evaluated: evaluated[placeKey{res.Control, res.Provider, res.Account, res.Resource}]}
			rows[res.Control][rk] = row
			g.Rows = append(g.Rows, row)
		}
		if res.Region != "" {
			row.Regions = append(row.Regions, res.Region)
		}
		if !contains(row.Messages, res.Message) {
			row.Messages = append(row.Messages, res.Message)
		}
		row.addEvidence(res.Region, res.Evidence)
	}
	out := make([]*controlGroup, 0, len(groups))
	for id, g := range groups {
		for a := range failAccounts[id] {
			g.FailAccounts = append(g.FailAccounts, a)
		}
		sort.Strings(g.FailAccounts)
		g.Accounts = len(anyAccounts[id])
		for _, row := range g.Rows {
			sort.Strings(row.Regions)
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.Control < b.Control
	})
	return out
}

func (f *findingRow) addEvidence(region string, ev map[string]any) {
	if len(ev) == 0 {
		return
	}
	b, err := json.MarshalIndent(ev, "", "  ")
	if err != nil {
		b = []byte(fmt.Sprintf("%v", ev))
	}
	s := string(b)
	for i := range f.Evidence {
		if f.Evidence[i].JSON == s {
			if region != "" {
				f.Evidence[i].Regions = append(f.Evidence[i].Regions, region)
			}
			return
		}
	}
	blk := evidenceBlock{JSON: s}
	if region != "" {
		blk.Regions = []string{region}
	}
	f.Evidence = append(f.Evidence, blk)
}

// failRows are the FAIL rows of a group, for the escalation section.
func (g *controlGroup) FailRows() []*findingRow {
	var out []*findingRow
	for _, r := range g.Rows {
		if r.Status == results.Fail {
			out = append(out, r)
		}
	}
	return out
}

// OneLine is the first step of the remediation: its first sentence or
// command, for the summary and the escalation lists.
func (g *controlGroup) OneLine() string { return firstStep(g.Remediation) }

// firstStep takes the remediation's lines up to the first that ends a
// sentence or a command (. ; :), stopping before a line that starts a
// code block (a quote, a brace), so a wrapped sentence is not cut in the
// middle and a policy document is not dragged in.
func firstStep(s string) string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if len(out) > 0 && !startsProse(line) {
			break
		}
		out = append(out, line)
		if strings.ContainsAny(line[len(line)-1:], ".;:") || len(out) == 3 {
			break
		}
	}
	step := strings.TrimSuffix(strings.TrimSuffix(strings.Join(out, " "), ";"), ":")
	// "…, e.g." announces an example the step leaves out.
	for _, lead := range []string{", e.g.", " e.g.", ", for example", " for example"} {
		if strings.HasSuffix(step, lead) {
			return strings.TrimSuffix(step, lead)
		}
	}
	return step
}

func startsProse(line string) bool {
	c := line[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '('
}

// firstSentence is the first sentence of a description: the plain
// reason a control exists, without the detail of how it decides.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' {
			return s[:i+1]
		}
	}
	return s
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
