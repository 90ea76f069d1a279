package awsiam

import (
	"slices"
	"strconv"
	"strings"
)

// Sharing one actor's answer over scoped grants.
//
// A grant scoped to a name pattern (iam:PassRole on role/app-*) is not
// the same for every role of the account, so each target must be asked
// about (principalEdges, policyEdges). But the answer depends on the
// actor only through its statements, unless a statement reads who the
// actor is: then every actor with the same statements gets the same
// answer, and the targets are asked about once per distinct statement
// set, not once per actor. The permitted targets become one class that
// all those actors reach.

// actorKey names what a decision over targets reads of its actor when
// actorFree holds: the statements of each layer (by their shared memo),
// the boundary's name (in the notes), the account's SCP levels, and, for
// policyEdges, which asks with them, the actor's own keys as a resource
// (its tags).
type actorKey struct {
	identity, boundary *layerMemo
	boundaryARN        string
	scps               *layer
	nscps              int
	res                *Context
}

// sharedKey is one technique's question for one actorKey.
type sharedKey struct {
	actor actorKey
	t     *technique
}

// shared is the answer: the targets permitted, with the assumptions
// each rests on, and the class of them all once made.
type shared struct {
	members []*Principal
	whys    [][]string
	// sameWhy: every member rests on the same assumptions (whys[0]).
	sameWhy bool
	class   int // -1 until made
	// policies, for policyEdges: the customer policies permitted.
	policies []*Managed
}

// keyOf returns p's actorKey, and false when a decision of p may read
// who p is: a policy variable in a statement, a condition on one of the
// principal's own keys (its ARN, type, name, user ID, tags). Any other
// key resolves alike for every principal of the account (the account's
// request keys are the Parent of each principal's context). When unsure,
// false: the caller then asks about each target for p alone.
func keyOf(p *Principal, asResource bool) (actorKey, bool) {
	if !p.identity.actorFree() || (p.boundary != nil && !p.boundary.actorFree()) {
		return actorKey{}, false
	}
	for _, l := range p.scps {
		if !l.actorFree() {
			return actorKey{}, false
		}
	}
	k := actorKey{identity: p.identity.memo(), boundaryARN: p.boundaryARN, nscps: len(p.scps)}
	if asResource {
		k.res = targetKeys(p, nil)
	}
	if p.boundary != nil {
		k.boundary = p.boundary.memo()
	}
	if len(p.scps) > 0 {
		k.scps = p.scps[0]
	}
	return k, true
}

// actorFree: no statement of l reads who the actor is (memoised).
func (l *layer) actorFree() bool {
	m := l.memo()
	if m.actorFree == 0 {
		m.actorFree = 1
		for _, s := range l.stmts {
			if s.HasVars || actorKeyed(s) {
				m.actorFree = 2
				break
			}
		}
	}
	return m.actorFree == 1
}

// actorKeyed: a condition of s reads a key the principal's own context
// may hold (see principalContext), or one of the principal's whose
// value the snapshot may learn later: every aws:principal* key but the
// account-wide ones, aws:username, aws:userid, aws:sourceidentity.
func actorKeyed(s *stmt) bool {
	for _, c := range s.Conditions {
		k := c.Key
		if callerKeyed(k) {
			return true
		}
		if strings.HasPrefix(k, "aws:principal") {
			switch k {
			case "aws:principalaccount", "aws:principalorgid", "aws:principalisawsservice", "aws:principalservicename":
				continue
			}
			return true
		}
	}
	return false
}

// sharedFor returns the answer of t for actors like p, computing it with
// ask on first use; nil when p's answer cannot be shared. asResource: ask
// reads p's keys as a resource.
func (ts *targets) sharedFor(p *Principal, t *technique, asResource bool, ask func() *shared) *shared {
	k, ok := keyOf(p, asResource)
	if !ok {
		return nil
	}
	sk := sharedKey{k, t}
	if s, ok := ts.shared[sk]; ok {
		return s
	}
	s := ask()
	s.class = -1
	s.sameWhy = true
	for _, w := range s.whys {
		if !slices.Equal(w, s.whys[0]) {
			s.sameWhy = false
			break
		}
	}
	ts.shared[sk] = s
	return s
}

// sharedEdges are the edges of principalEdges from an answer shared with
// other actors: one class of every permitted target when they all rest
// on the same assumptions, else one edge per target. A become technique
// never leads an actor to itself: a class holding the actor is harmless
// (it is reached already), a lone edge to it is left out, as
// principalEdges leaves it out.
func (g *Graph) sharedEdges(p *Principal, t *technique, s *shared, prefix string) []edge {
	switch {
	case len(s.members) == 0:
		return nil
	case len(s.members) == 1 || !s.sameWhy:
		var out []edge
		for i, c := range s.members {
			if c == p && t.Kind == become {
				continue
			}
			out = append(out, edge{to: g.index[c], tech: t, assumed: s.whys[i]})
		}
		return out
	}
	if s.class < 0 {
		s.class = g.class(t.ID+"|"+prefix+"|shared "+strconv.Itoa(len(g.classes)), func() []*Principal { return s.members })
	}
	return []edge{{to: s.class, tech: t, assumed: s.whys[0]}}
}
