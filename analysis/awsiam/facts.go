package awsiam

import (
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// Facts computes the data the Rego controls read at
// data.rampart.analysis.aws: one entry per principal, by account ID and
// ARN (see policies/README.md for the fields). Values are plain JSON
// types (map[string]any, []any, string, bool).
func Facts(s *snapshot.Snapshot) map[string]any {
	g := NewGraph(s)
	principals := map[string]any{}
	for _, a := range g.Accounts {
		principals[a.ID] = map[string]any{}
	}
	for _, f := range g.Findings() {
		p := f.Principal
		principals[p.Account.ID].(map[string]any)[p.ARN] = principalFacts(p, f)
	}
	return map[string]any{"principals": principals, "notes": strs(g.Notes())}
}

func principalFacts(p *Principal, f *Finding) map[string]any {
	m := map[string]any{
		"kind":             kindValue(p.Kind),
		"admin":            p.admin,
		"identity_admin":   p.identityAdmin,
		"admin_grants":     strs(p.adminGrants),
		"unknown_policies": strs(p.Unknown),
		"notes":            strs(p.Notes),
		"escalation":       nil,
	}
	if p.Bounded() {
		var by []string
		if p.boundary != nil && !layerAdmin(p.boundary) {
			by = append(by, "permissions boundary "+p.boundaryARN)
		}
		for _, l := range p.scps {
			if !layerAdmin(l) {
				by = append(by, l.name)
			}
		}
		m["held_back_by"] = strs(by)
	}
	if f.Chain != nil {
		steps := make([]any, 0, len(f.Chain))
		var assumed []string
		for _, s := range f.Chain {
			steps = append(steps, map[string]any{
				"from": s.From, "to": s.To, "technique": s.Technique, "actions": s.Actions,
				"resource": s.Resource, "empowers": s.Empowers, "assumed": strs(s.Assumed),
			})
			assumed = append(assumed, s.Assumed...)
		}
		m["escalation"] = map[string]any{
			"chain":      ChainText(p, f.Chain),
			"steps":      steps,
			"techniques": strs(techniques(f.Chain)),
			"assumed":    strs(uniqueSorted(assumed)),
		}
	}
	m["escalation_unknown"] = strs(f.Unknown)
	return m
}

func layerAdmin(l *layer) bool {
	for _, s := range l.stmts {
		if adminStatement(s.Statement) {
			return true
		}
	}
	return false
}

func techniques(steps []Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.Technique)
	}
	return out
}

// ChainText renders a chain the way a reader follows it:
//
//	user/ci → iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → role/deployer → sts:AssumeRole → role/admin (admin)
//
// A step that empowers reads "→ ACTIONS on TARGET (makes it admin)"; the
// step after it, taken from an earlier principal, starts with "then".
func ChainText(p *Principal, steps []Step) string {
	var b strings.Builder
	b.WriteString(label(p.ARN))
	at := p.ARN
	for i, s := range steps {
		if s.From != at {
			b.WriteString(", then " + label(s.From))
		}
		on := ""
		if s.Resource != "" {
			on = " on " + label(s.Resource)
		}
		if s.Empowers {
			if s.To == s.From {
				b.WriteString(" → " + s.Actions + on + " → itself (admin)")
			} else {
				b.WriteString(" → " + s.Actions + on + " → " + label(s.To) + " (made admin)")
			}
		} else {
			b.WriteString(" → " + s.Actions + on + " → " + label(s.To))
			if i == len(steps)-1 {
				b.WriteString(" (admin)")
			}
		}
		at = s.To
		if s.Empowers {
			at = s.From
		}
	}
	return b.String()
}

// label shortens an IAM ARN to kind/name (user/ci, role/deployer);
// other ARNs are kept whole.
func label(arn string) string {
	if i := strings.Index(arn, ":iam::"); i >= 0 {
		rest := arn[i+len(":iam::"):]
		if j := strings.IndexByte(rest, ':'); j >= 0 {
			res := rest[j+1:]
			kind, name, _ := strings.Cut(res, "/")
			if k := strings.LastIndexByte(name, '/'); k >= 0 {
				name = name[k+1:]
			}
			return kind + "/" + name
		}
	}
	return arn
}

// strs is in as a JSON list value. Most lists are empty, and boxing a
// new empty slice for each field of each principal was a good part of
// the allocations of Facts: empty lists share one value (read-only; an
// append to it makes a new slice).
func strs(in []string) any {
	if len(in) == 0 {
		return emptyList
	}
	out := make([]any, len(in))
	for i, s := range in {
		out[i] = s
	}
	return out
}

var emptyList any = []any{}

// kindValue is a principal kind as a value, boxed once rather than per
// principal.
func kindValue(kind string) any {
	switch kind {
	case KindUser:
		return userKind
	case KindGroup:
		return groupKind
	case KindRole:
		return roleKind
	}
	return kind
}

var userKind, groupKind, roleKind any = KindUser, KindGroup, KindRole
