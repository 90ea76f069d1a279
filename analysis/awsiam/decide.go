package awsiam

import (
	"fmt"
	"sort"
	"strings"
)

// Request is one question to the evaluator: may the principal perform
// Action on Resource, with these request keys?
type Request struct {
	// Action is "service:Operation"; matched case-insensitively.
	Action string
	// Resource is an ARN (or "*" for actions without a resource).
	Resource string
	// Keys are request-specific condition keys (lower-case), e.g.
	// iam:passedtoservice; they sit on top of the principal's keys.
	Keys *Context
	// ResourceGrant is true when a resource-based policy in the same
	// account names the principal itself (a trust policy naming the
	// role's ARN): the identity policies then need not allow, though
	// their Denies, the boundary and the SCPs still apply.
	ResourceGrant bool
}

// Decision is the evaluator's answer.
type Decision struct {
	// Allowed is true when the request is allowed, possibly on the
	// strength of Assumed.
	Allowed bool
	// Assumed names each undecided condition the answer rests on: an
	// Allow whose condition was assumed to hold, a Deny whose condition
	// was not credited.
	Assumed []string
	// Grants names the identity policies that allow it.
	Grants []string
}

// layer is one set of policies a request must pass: the identity
// policies, the permissions boundary, or one level of SCPs.
type layer struct {
	name  string
	stmts []*stmt
	// shared memoises questions about stmts, shared between layers with
	// the same statements (see layerMemo).
	shared *layerMemo
}

// matching lists the statements whose Action or NotAction takes in
// action (lower-case), memoised.
func (l *layer) matching(action string) []*stmt {
	m := l.memo()
	if got, ok := m.byAction[action]; ok {
		return got
	}
	var out []*stmt
	for _, s := range l.stmts {
		if s.matchAction(action) {
			out = append(out, s)
		}
	}
	if m.byAction == nil {
		m.byAction = map[string][]*stmt{}
	}
	m.byAction[action] = out
	return out
}

// verdict of one layer for one request.
type verdict struct {
	allow, deny         Tri
	allowBy             []*stmt // statements that allow (True first)
	allowWhy, denyWhy   []string
	allowSure, denySure bool
}

func (l *layer) judge(action, resource string, ctx *Context) verdict {
	v := verdict{allow: False, deny: False}
	for _, s := range l.matching(action) {
		t := s.matchResource(resource)
		if t == False {
			continue
		}
		c, keys := s.conditions(ctx)
		t = and(t, c)
		if t == False {
			continue
		}
		why := ""
		if t == Unknown {
			why = describeUndecided(s, keys)
		}
		if s.Allow {
			v.allow = or(v.allow, t)
			v.allowBy = append(v.allowBy, s)
			if t == Unknown {
				v.allowWhy = append(v.allowWhy, why)
			}
		} else {
			v.deny = or(v.deny, t)
			if t == Unknown {
				v.denyWhy = append(v.denyWhy, why)
			}
		}
	}
	return v
}

func describeUndecided(s *stmt, keys []string) string {
	if len(keys) == 0 {
		return fmt.Sprintf("%s: a policy variable in its Resource is not in the snapshot", s.Source)
	}
	return fmt.Sprintf("%s: condition on %s not decidable from the snapshot", s.Source, strings.Join(keys, ", "))
}

// Decide answers req for p, following AWS's evaluation order: an explicit
// Deny anywhere wins; then the identity policies must allow, and so must
// the permissions boundary when set and every SCP level that applies.
// Resource-based policies are not consulted here (see canAssume for role
// trust policies).
func (p *Principal) Decide(req Request) Decision {
	ctx := relink(req.Keys, p.ctx)
	action := strings.ToLower(req.Action)
	var notes []string
	layers := p.layers()
	vs := make([]verdict, len(layers))
	for i, l := range layers {
		vs[i] = l.judge(action, req.Resource, ctx)
		if vs[i].deny == True {
			return Decision{}
		}
	}
	for i := range layers {
		if vs[i].allow == False && !(i == 0 && req.ResourceGrant) {
			return Decision{}
		}
	}
	d := Decision{Allowed: true}
	for i, l := range layers {
		v := vs[i]
		if v.allow == Unknown && !(i == 0 && req.ResourceGrant) {
			for _, w := range v.allowWhy {
				notes = append(notes, layerPrefix(l.name)+"Allow in "+w+" (assumed to hold)")
			}
		}
		if v.deny == Unknown {
			for _, w := range v.denyWhy {
				notes = append(notes, layerPrefix(l.name)+"Deny in "+w+" (not credited)")
			}
		}
	}
	for _, s := range vs[0].allowBy {
		d.Grants = append(d.Grants, s.Source)
	}
	d.Grants = uniqueSorted(d.Grants)
	d.Assumed = uniqueSorted(notes)
	return d
}

func layerPrefix(layer string) string {
	if layer == "identity" {
		return ""
	}
	return layer + ": "
}

func uniqueSorted(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	sort.Strings(in)
	out := in[:1]
	for _, s := range in[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}

// Uniform reports whether Decide gives the same answer for req.Action on
// every ARN under prefix (e.g. every role of an account): no statement
// that matches the action covers only part of the prefix or reads a
// property of the resource. The graph then decides a whole class of
// targets with one question instead of one per target.
func (p *Principal) Uniform(action, prefix string) bool {
	action = strings.ToLower(action)
	if !p.identity.uniformFor(action, prefix) {
		return false
	}
	if p.boundary != nil && !p.boundary.uniformFor(action, prefix) {
		return false
	}
	for _, l := range p.scps {
		if !l.uniformFor(action, prefix) {
			return false
		}
	}
	return true
}
