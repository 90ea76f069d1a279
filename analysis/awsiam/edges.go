package awsiam

import (
	"strings"
)

// edge is one technique from an actor to a target node (a principal, or
// a class of principals the actor reaches all at once).
type edge struct {
	to   int
	tech *technique
	// resource is what the technique acts on when that is not the
	// target itself (a function, a stack, an instance, a policy).
	resource string
	assumed  []string
}

// permits asks whether p may perform every action of t on resource (the
// target's ARN) with keys; it returns the assumptions the answer rests on.
func (g *Graph) permits(p *Principal, t *technique, resource, region string, keys *Context) (bool, []string) {
	d := p.Decide(Request{Action: t.actions[0], Resource: resource, Keys: keys})
	if !d.Allowed {
		return false, nil
	}
	assumed := d.Assumed
	for _, a := range t.actions[1:] {
		var e Decision
		if t.AlsoOnTarget {
			e = p.Decide(Request{Action: a, Resource: resource, Keys: regionKeys(region)})
		} else {
			e = p.decideNewAnyRegion(a, region)
		}
		if !e.Allowed {
			return false, nil
		}
		assumed = append(assumed, e.Assumed...)
	}
	return true, assumed
}

// hasAny: some identity statement may allow every action of t at all; a
// cheap test before looking at targets.
func hasAny(p *Principal, t *technique) bool {
	return p.identity.mayAllowAll(t)
}

// mayHold: every layer that must allow t's actions (identity, permissions
// boundary, each level of SCPs) may allow each of them somewhere. A
// principal that fails this cannot use t on any target, seen or not.
func mayHold(p *Principal, t *technique) bool {
	if !p.identity.mayAllowAll(t) || (p.boundary != nil && !p.boundary.mayAllowAll(t)) {
		return false
	}
	for _, scp := range p.scps {
		if !scp.mayAllowAll(t) {
			return false
		}
	}
	return true
}

func regionKeys(region string) *Context {
	if region == "" {
		return nil
	}
	return &Context{Known: map[string][]string{"aws:requestedregion": {region}}}
}

// targetKeys are the condition keys of a request acting on principal t:
// its account and tags (iam:ResourceTag and aws:ResourceTag), under the
// request's own keys in extra.
func targetKeys(t *Principal, extra map[string][]string) *Context {
	if t.resCtx == nil {
		var tags map[string]string
		switch {
		case t.user != nil:
			tags = t.user.Tags
		case t.role != nil:
			tags = t.role.Tags
		}
		// Principals without tags share one context per account.
		if len(tags) == 0 && t.Account.plainRes != nil {
			t.resCtx = t.Account.plainRes
		} else {
			c := &Context{Known: map[string][]string{"aws:resourceaccount": {t.Account.ID}, "aws:requestedregion": {"us-east-1"}},
				Absent: map[string]bool{"aws:resourcetag/*": true, "iam:resourcetag/*": true}}
			for k, v := range tags {
				c.Known["aws:resourcetag/"+strings.ToLower(k)] = []string{v}
				c.Known["iam:resourcetag/"+strings.ToLower(k)] = []string{v}
			}
			if len(tags) == 0 {
				t.Account.plainRes = c
			}
			t.resCtx = c
		}
	}
	if len(extra) == 0 {
		return t.resCtx
	}
	return &Context{Known: extra, Parent: t.resCtx}
}

// DecideNew answers "may p perform action on some resource it creates
// under prefix (a name of its choosing)": an Allow in every layer that
// can match some ARN under prefix, and no Deny that covers all of them.
func (p *Principal) DecideNew(action, prefix, region string) Decision {
	action = strings.ToLower(action)
	ctx := relink(regionKeys(region), p.ctx)
	var assumed, grants []string
	for i, l := range p.layers() {
		allow := False
		var why []string
		for _, s := range l.matching(action) {
			rc := s.resourceClass(prefix)
			c, keys := s.conditions(ctx)
			if s.Allow {
				t := and(boolTri(rc != False), c)
				allow = or(allow, t)
				if t == Unknown {
					why = append(why, layerPrefix(l.name)+"Allow in "+describeUndecided(s, keys)+" (assumed to hold)")
				}
				if t != False && i == 0 {
					grants = append(grants, s.Source)
				}
				continue
			}
			// A Deny of only some names leaves the actor the others.
			if rc == True && c == True {
				return Decision{}
			}
		}
		if allow == False {
			return Decision{}
		}
		if allow == Unknown {
			assumed = append(assumed, why...)
		}
	}
	return Decision{Allowed: true, Assumed: uniqueSorted(assumed), Grants: uniqueSorted(grants)}
}

// decideNewAnyRegion is DecideNew in the given region, or, when the
// technique leaves the region to the actor, in the first of the
// account's regions where it is allowed.
func (p *Principal) decideNewAnyRegion(action, region string) Decision {
	regions := []string{region}
	if region == "" {
		regions = p.Account.regionNames()
	}
	for _, r := range regions {
		if d := p.DecideNew(action, newResource(action, p.Account.Partition, r, p.Account.ID), r); d.Allowed {
			return d
		}
	}
	return Decision{}
}
