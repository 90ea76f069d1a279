package reports

import (
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

// escalationTargets are the routes of pb-16 §6 (Escalation Criteria), in
// the playbook's order. A control's escalation metadata names one of
// them; anything else (the cloud team alone) is routine work, not an
// escalation.
var escalationTargets = []struct{ Name, When string }{
	{"CISO + Cloud team", "root / Global Admin compromise — immediately"},
	{"CISO + SOC Lead", "CloudTrail / logging disabled"},
	{"CISO + Cloud architecture", "unauthorized cross-account access"},
	{"Cloud team + Finance", "cryptomining (billing spike)"},
	{"Legal + DPO", "data exposed in public storage (PDPA: 72 hours)"},
}

// escalationGroup is the FAIL findings routed to one target.
type escalationGroup struct {
	Target, When string
	Controls     []*controlGroup
	Findings     int
}

// routine counts FAIL findings whose escalation is not a pb-16 §6 route.
type routine struct {
	Target   string
	Findings int
}

func normTarget(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// escalations groups the controls with FAIL results by their pb-16 §6
// target. Every target is listed, also without findings, so a reader sees
// that nobody needs to be called rather than wondering.
func escalations(groups []*controlGroup) ([]escalationGroup, []routine) {
	out := make([]escalationGroup, len(escalationTargets))
	index := map[string]int{}
	for i, t := range escalationTargets {
		out[i] = escalationGroup{Target: t.Name, When: t.When}
		index[normTarget(t.Name)] = i
	}
	other := map[string]int{}
	for _, g := range groups {
		if g.Fail == 0 {
			continue
		}
		i, ok := index[normTarget(g.Escalation)]
		if !ok {
			name := g.Escalation
			if name == "" {
				name = "no escalation named"
			}
			other[name] += g.Fail
			continue
		}
		out[i].Controls = append(out[i].Controls, g)
		out[i].Findings += g.Fail
	}
	var rs []routine
	for t, n := range other {
		rs = append(rs, routine{t, n})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Target < rs[j].Target })
	return out, rs
}

// risk is one of the few things to act on first, in plain language.
type risk struct {
	Group *controlGroup
	// Why is the reason the control exists, in a sentence.
	Why string
}

// Where names the accounts affected, at most three by name.
func (r risk) Where() string {
	a := r.Group.FailAccounts
	if len(a) <= 3 {
		return strings.Join(a, ", ")
	}
	return strings.Join(a[:3], ", ") + " and " + itoa(len(a)-3) + " more"
}

// topRisks picks the n controls to act on first: the most severe, then
// the widest spread (accounts), then the most findings.
func topRisks(groups []*controlGroup, n int) []risk {
	var cands []*controlGroup
	for _, g := range groups {
		if g.Fail > 0 {
			cands = append(cands, g)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if len(a.FailAccounts) != len(b.FailAccounts) {
			return len(a.FailAccounts) > len(b.FailAccounts)
		}
		if a.Fail != b.Fail {
			return a.Fail > b.Fail
		}
		return a.Control < b.Control
	})
	if len(cands) > n {
		cands = cands[:n]
	}
	out := make([]risk, len(cands))
	for i, g := range cands {
		why := plain(firstSentence(g.Description))
		if why == "" {
			why = firstMessage(g)
		}
		out[i] = risk{Group: g, Why: why}
	}
	return out
}

// whyLimit caps the reason a risk matters, so the summary stays a list a
// person reads.
const whyLimit = 240

// plain drops the detail a control's description gives for engineers:
// parentheses (the policy grammar it accepts) and what follows a colon
// (the list of keys), then caps the length at a word.
func plain(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	out = strings.NewReplacer(" ,", ",", " .", ".", " ;", ";").Replace(out)
	if i := strings.Index(out, ": "); i >= 40 {
		out = strings.TrimRight(out[:i], " ,;") + "."
	}
	if len(out) > whyLimit {
		cut := strings.LastIndex(out[:whyLimit], " ")
		out = strings.TrimRight(out[:cut], " ,;:") + "…"
	}
	return out
}

func firstMessage(g *controlGroup) string {
	for _, r := range g.Rows {
		if r.Status == results.Fail && len(r.Messages) > 0 {
			return r.Messages[0]
		}
	}
	return ""
}
