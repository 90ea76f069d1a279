package awsiam

import (
	"strings"
)

// choiceKey is the request key whose value the actor picks for t: the
// policy it attaches, the boundary it sets.
func choiceKey(t *technique) string {
	switch {
	case strings.HasPrefix(t.Target, "iam:Attach"):
		return "iam:policyarn"
	case strings.HasPrefix(t.Target, "iam:Put") && strings.HasSuffix(t.Target, "PermissionsBoundary"):
		return "iam:permissionsboundary"
	}
	return ""
}

// adminChoices are the policies an actor would attach (or set as a
// boundary) to become admin: AWS's AdministratorAccess, which every
// account has, the account's own admin policies, and, when the actor
// may create policies, one of its own making.
func (g *Graph) adminChoices(p *Principal) []string {
	a := p.Account
	out := []string{"arn:" + a.Partition + ":iam::aws:policy/AdministratorAccess"}
	for _, m := range sortedPolicies(a) {
		if m.Admin && m.resARN != out[0] {
			out = append(out, m.resARN)
		}
	}
	if d := p.DecideNew("iam:CreatePolicy", newResource("iam:CreatePolicy", a.Partition, "", a.ID), "us-east-1"); d.Allowed {
		out = append(out, newResource("iam:CreatePolicy", a.Partition, "", a.ID)+"rampart-new-admin-policy")
	}
	return out
}

func sortedPolicies(a *Account) []*Managed {
	out := make([]*Managed, 0, len(a.policies))
	for _, m := range a.policies {
		out = append(out, m)
	}
	sortManaged(out)
	return out
}

// mentions: some statement of p matching action (lower-case) has a
// condition on key.
func mentions(p *Principal, action, key string) bool {
	for _, l := range p.layers() {
		for _, s := range l.matching(action) {
			for _, c := range s.Conditions {
				if c.Key == key {
					return true
				}
			}
		}
	}
	return false
}

// permitsOn asks whether p may use t on target (a principal) or on
// resource; extra holds request keys (iam:PassedToService). When the
// technique lets the actor choose a policy, each admin choice is tried.
func (g *Graph) permitsOn(p *Principal, t *technique, target *Principal, resource string, extra map[string][]string) (bool, []string) {
	key := choiceKey(t)
	if key == "" || !mentions(p, t.actions[0], key) {
		if key != "" {
			extra = withKey(extra, key, "arn:"+p.Account.Partition+":iam::aws:policy/AdministratorAccess")
		}
		return g.permits(p, t, resource, "", targetKeys(target, extra))
	}
	for _, c := range g.adminChoices(p) {
		if ok, why := g.permits(p, t, resource, "", targetKeys(target, withKey(extra, key, c))); ok {
			return true, why
		}
	}
	return false, nil
}

func withKey(m map[string][]string, k, v string) map[string][]string {
	out := make(map[string][]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = []string{v}
	return out
}

// edges finds the targets p can use t on.
func (g *Graph) edges(p *Principal, t *technique, ts *targets) []edge {
	iamPrefix := ts.iamPrefix
	switch t.On {
	case tRole:
		return g.principalEdges(p, t, ts, ts.roles, iamPrefix+"role/", nil)
	case tUser:
		return g.principalEdges(p, t, ts, ts.users, iamPrefix+"user/", nil)
	case tGroup:
		if t.ID == "add-user-to-group" && p.Kind != KindUser {
			return nil // only a user can join a group
		}
		return g.principalEdges(p, t, ts, ts.groups, iamPrefix+"group/", nil)
	case tServiceRole:
		return g.principalEdges(p, t, ts, ts.serviceRoles[t.Service], iamPrefix+"role/", t.passed)
	case tPolicyHolder:
		return g.policyEdges(p, t, ts, iamPrefix+"policy/")
	case tFunction:
		return g.computeEdges(p, t, ts.functions)
	case tStack:
		return g.computeEdges(p, t, ts.stacks)
	case tInstance:
		return g.computeEdges(p, t, ts.instances)
	case tProject:
		return g.computeEdges(p, t, ts.projects)
	}
	return nil
}

// principalEdges: when p's grant is the same for every ARN under prefix,
// one question decides the whole class; otherwise each target is asked.
func (g *Graph) principalEdges(p *Principal, t *technique, ts *targets, cands []*Principal, prefix string, extra map[string][]string) []edge {
	kept := ts.filtered(t, cands, prefix)
	if len(kept.members) == 0 {
		return nil
	}
	if p.Uniform(t.actions[0], prefix) && (!t.AlsoOnTarget || uniformAll(p, t.actions[1:], prefix)) {
		first := kept.members[0]
		ok, why := g.permitsOn(p, t, first, first.resARN, extra)
		if !ok {
			return nil
		}
		if len(kept.members) == 1 {
			return []edge{{to: g.index[first], tech: t, assumed: why}}
		}
		return []edge{{to: g.class(kept.classKey, func() []*Principal { return kept.members }), tech: t, assumed: why}}
	}
	// Actors whose answer cannot differ share it (see shared.go).
	if s := ts.sharedFor(p, t, false, func() *shared {
		s := &shared{}
		for _, c := range kept.members {
			if ok, why := g.permitsOn(p, t, c, c.resARN, extra); ok {
				s.members = append(s.members, c)
				s.whys = append(s.whys, why)
			}
		}
		return s
	}); s != nil {
		return g.sharedEdges(p, t, s, prefix)
	}
	var out []edge
	for _, c := range kept.members {
		if c == p && t.Kind == become {
			continue
		}
		if ok, why := g.permitsOn(p, t, c, c.resARN, extra); ok {
			out = append(out, edge{to: g.index[c], tech: t, assumed: why})
		}
	}
	return out
}

func uniformAll(p *Principal, actions []string, prefix string) bool {
	for _, a := range actions {
		if !p.Uniform(a, prefix) {
			return false
		}
	}
	return true
}

// policyEdges: writing a customer-managed policy empowers every
// principal it is attached to (a group's members through the group).
func (g *Graph) policyEdges(p *Principal, t *technique, ts *targets, prefix string) []edge {
	if len(ts.customer) == 0 {
		return nil
	}
	holders := func(ms []*Managed) func() []*Principal { return func() []*Principal { return holdersOf(ms) } }
	if p.Uniform(t.actions[0], prefix) {
		probe := ts.customer[0]
		ok, why := g.permits(p, t, probe.resARN, "", targetKeys(p, nil))
		if !ok {
			return nil
		}
		return []edge{{to: g.class(t.ID+"|"+prefix, holders(ts.customer)), tech: t, resource: "any customer-managed policy", assumed: why}}
	}
	// The policies permitted are the same for actors whose answer
	// cannot differ (see shared.go): asked about once for them all.
	s := ts.sharedFor(p, t, true, func() *shared {
		s := &shared{}
		for _, m := range ts.customer {
			if ok, why := g.permits(p, t, m.resARN, "", targetKeys(p, nil)); ok {
				s.policies = append(s.policies, m)
				s.whys = append(s.whys, why)
			}
		}
		return s
	})
	var out []edge
	add := func(m *Managed, why []string) {
		if len(m.holders) == 1 {
			out = append(out, edge{to: g.index[m.holders[0]], tech: t, resource: m.ARN, assumed: why})
			return
		}
		out = append(out, edge{to: g.class(t.ID+"|"+m.ARN, holders([]*Managed{m})), tech: t, resource: m.ARN, assumed: why})
	}
	if s != nil {
		for k, m := range s.policies {
			add(m, s.whys[k])
		}
		return out
	}
	for _, m := range ts.customer {
		if ok, why := g.permits(p, t, m.resARN, "", targetKeys(p, nil)); ok {
			add(m, why)
		}
	}
	return out
}

// holdersOf lists the principals the policies are attached to, once each.
func holdersOf(ms []*Managed) []*Principal {
	var out []*Principal
	seen := map[*Principal]bool{}
	for _, m := range ms {
		for _, h := range m.holders {
			if !seen[h] {
				seen[h] = true
				out = append(out, h)
			}
		}
	}
	return out
}

// computeEdges: acting on compute that runs as a role.
func (g *Graph) computeEdges(p *Principal, t *technique, cs []compute) []edge {
	var out []edge
	for _, c := range cs {
		if c.role == p {
			continue
		}
		if ok, why := g.permits(p, t, c.arn, c.region, regionKeys(c.region)); ok {
			out = append(out, edge{to: g.index[c.role], tech: t, resource: c.arn, assumed: why})
		}
	}
	return out
}

// assumeIndex indexes every role of the snapshot by who its trust policy
// names, so each actor looks only at the roles that could let it in.
// Roles open to anyone whose trust decision depends only on the caller's
// account (no Deny, no condition on the caller's ARN, name or tags) are
// set apart: every actor of an account reaches them alike, so they form
// one class per (caller account, role account) instead of N × M edges.
type assumeIndex struct {
	byARN, byAccount map[string][]*Principal
	anyone           []*Principal
	// open roles by account; openTrust caches their decision per caller
	// account.
	open   map[*Account][]*Principal
	isOpen map[*Principal]bool
	// classes of open roles by (caller account, role account).
	openClass map[[2]string]*openClass
}

type openClass struct {
	members []*Principal
	whys    map[int][]string
}

func (g *Graph) assumeIndex() *assumeIndex {
	x := &assumeIndex{byARN: map[string][]*Principal{}, byAccount: map[string][]*Principal{},
		open: map[*Account][]*Principal{}, isOpen: map[*Principal]bool{},
		openClass: map[[2]string]*openClass{}}
	for _, a := range g.Accounts {
		for _, r := range a.Roles {
			if r.ServiceLinked {
				continue
			}
			t := g.trustOf(r)
			for arn := range t.arns {
				x.byARN[arn] = append(x.byARN[arn], r)
			}
			for acct := range t.accounts {
				x.byAccount[acct] = append(x.byAccount[acct], r)
			}
			switch {
			case t.anyone && t.openToAccounts():
				x.open[a] = append(x.open[a], r)
				x.isOpen[r] = true
			case t.anyone:
				x.anyone = append(x.anyone, r)
			}
		}
	}
	return x
}

// openToAccounts: the trust policy lets in "*" and decides the same way
// for every caller of one account.
func (t *trust) openToAccounts() bool {
	if t.policy == nil || len(t.arns) > 0 || len(t.accounts) > 0 {
		return false
	}
	for _, s := range t.stmts {
		if !s.Allow || len(s.NotPrincipals) > 0 {
			return false
		}
		for _, c := range s.Conditions {
			if callerKeyed(c.Key) {
				return false
			}
		}
	}
	return true
}

// callerKeyed: a condition key whose value differs between callers of one
// account.
func callerKeyed(key string) bool {
	switch key {
	case "aws:principalarn", "aws:principaltype", "aws:username", "aws:userid", "aws:sourceidentity":
		return true
	}
	return strings.HasPrefix(key, "aws:principaltag/")
}

var assumeTech = func() *technique {
	for _, t := range catalogue {
		if t.On == tAssume {
			return t
		}
	}
	panic("no assume-role technique")
}()

// assumeEdges: the roles p may assume, by their trust policy and p's own
// permissions. A trust policy naming p's ARN in p's own account needs no
// identity permission; one naming p's account or "*" does, and so does
// every cross-account assumption.
func (g *Graph) assumeEdges(p *Principal, x *assumeIndex) []edge {
	if p.Kind == KindGroup {
		return nil
	}
	seen := map[*Principal]bool{}
	var out []edge
	identity := hasAny(p, assumeTech)
	try := func(r *Principal) {
		if r == p || seen[r] {
			return
		}
		seen[r] = true
		t := g.trustOf(r)
		direct := t.naming(p) == directly && r.Account == p.Account
		if !direct && !identity {
			return
		}
		allow, why := t.allows(p, r.ARN)
		if allow == False {
			return
		}
		d := p.Decide(Request{Action: "sts:AssumeRole", Resource: r.resARN, Keys: targetKeys(r, nil), ResourceGrant: direct})
		if !d.Allowed {
			return
		}
		out = append(out, edge{to: g.index[r], tech: assumeTech, assumed: append(why, d.Assumed...)})
	}
	for _, r := range x.byARN[p.resARN] {
		try(r)
	}
	if identity {
		for _, r := range x.byAccount[p.Account.ID] {
			try(r)
		}
	}
	if identity {
		for _, r := range x.anyone {
			try(r)
		}
	}
	if identity {
		for _, a := range g.Accounts {
			if len(x.open[a]) > 0 {
				out = append(out, g.openEdges(p, a, x, try)...)
			}
		}
	}
	return out
}

// openEdges: the open roles of account a that p may assume, as one class
// edge when p's own permissions treat every role of a alike; otherwise
// each is tried on its own (try records the edges).
func (g *Graph) openEdges(p *Principal, a *Account, x *assumeIndex, try func(*Principal)) []edge {
	key := [2]string{p.Account.ID, a.ID}
	oc := x.openClass[key]
	if oc == nil {
		// The trust decision is the same for every caller of p's
		// account: p stands for them all.
		oc = &openClass{whys: map[int][]string{}}
		for _, r := range x.open[a] {
			allow, why := g.trustOf(r).allows(p, r.ARN)
			if allow != False {
				oc.members = append(oc.members, r)
				if len(why) > 0 {
					oc.whys[g.index[r]] = why
				}
			}
		}
		x.openClass[key] = oc
	}
	members, whys := oc.members, oc.whys
	if len(members) == 0 {
		return nil
	}
	prefix := "arn:" + a.Partition + ":iam::" + a.ID + ":role/"
	if !p.Uniform("sts:AssumeRole", prefix) {
		// try adds each role's edge to the caller's list.
		for _, r := range members {
			try(r)
		}
		return nil
	}
	probe := members[0]
	if probe == p && len(members) > 1 {
		probe = members[1]
	}
	d := p.Decide(Request{Action: "sts:AssumeRole", Resource: probe.resARN, Keys: targetKeys(probe, nil)})
	if !d.Allowed {
		return nil
	}
	id := g.class("assume-open|"+key[0]+"|"+key[1], func() []*Principal { return members })
	if len(whys) > 0 {
		g.memberWhy[id] = whys
	}
	return []edge{{to: id, tech: assumeTech, assumed: d.Assumed}}
}
