package terraform

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// Mapping is the state of one plan's mapping, and what mappers reach the
// plan through: references between resources, the configuration's
// provider blocks, collection errors and each provider's own state.
type Mapping struct {
	plan      *Plan
	providers []Provider
	mappers   map[string]Mapper
	instances []Instance
	// siblings indexes instances by module instance and resource
	// (module|type.name), to resolve references.
	siblings map[string][]Instance
	errors   []snapshot.CollectionError
	state    map[string]any
	// at is the snapshot's collected_at: when the plan was made.
	at time.Time
}

// newMapping prepares the mapping of p by providers. Two providers that
// claim one resource type are a programming error, reported rather than
// resolved by order.
func newMapping(p *Plan, providers []Provider) (*Mapping, error) {
	m := &Mapping{plan: p, providers: providers, mappers: map[string]Mapper{}, siblings: map[string][]Instance{}, state: map[string]any{}}
	owner := map[string]string{}
	for _, pr := range providers {
		for typ, mp := range pr.Mappers() {
			if o, dup := owner[typ]; dup {
				return nil, fmt.Errorf("terraform: resource type %s is mapped by both the %s and the %s provider", typ, o, pr.Name())
			}
			owner[typ] = pr.Name()
			m.mappers[typ] = mp
		}
	}
	for _, in := range p.instances() {
		if _, ok := m.mappers[in.Type]; !ok {
			continue
		}
		m.instances = append(m.instances, in)
		k := in.Module + "|" + in.Type + "." + in.Name
		m.siblings[k] = append(m.siblings[k], in)
	}
	return m, nil
}

// run maps every instance phase by phase, lets each provider finish, and
// appends the errors to s ordered by resource, so a reviewer reads one
// resource's errors together.
func (m *Mapping) run(s *snapshot.Snapshot) {
	for _, phase := range []Phase{Create, Connect} {
		for _, in := range m.instances {
			if mp := m.mappers[in.Type]; mp.Phase == phase {
				mp.Map(m, in)
			}
		}
	}
	for _, p := range m.providers {
		p.Finish(m, s)
	}
	sort.SliceStable(m.errors, func(i, j int) bool {
		a, b := m.errors[i], m.errors[j]
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Message < b.Message
	})
	s.Errors = append(s.Errors, m.errors...)
}

// PlannedAt is when the plan was made (the snapshot's collected_at): the
// earliest a resource it creates can exist, for values the provider
// computes from the time of apply (a credential's start).
func (m *Mapping) PlannedAt() time.Time { return m.at }

// Fail records a collection error: what the plan cannot tell (an unknown
// value, data outside the plan), confined by e.Resource where it can be.
func (m *Mapping) Fail(e snapshot.CollectionError) { m.errors = append(m.errors, e) }

// State returns a provider's state for this plan, stored under key (the
// provider's Name), creating it with init on first use. With a nil init it
// only looks: nil means the provider has built nothing for this plan.
func State[T any](m *Mapping, key string, init func() *T) *T {
	if v, ok := m.state[key].(*T); ok {
		return v
	}
	if init == nil {
		return nil
	}
	v := init()
	m.state[key] = v
	return v
}

// Resolve finds the instance of type typ that attribute attr of in refers
// to, through the configuration's references: aws_iam_policy.p,
// aws_iam_policy.p["k"], or, for a resource with several instances, the
// one with in's own key (the for_each/count pattern). It answers only
// when the expression can mean no other value: when it names several
// instances (a conditional between two roles) it returns "" and them, and
// when another value enters it (a variable, a local, a data source, a
// resource of another type) it returns "" and nothing, for the value may
// then be anything.
func (m *Mapping) Resolve(in Instance, attr, typ string) (string, []string) {
	return m.resolveRefs(in, m.plan.Configuration.references(in, attr), typ)
}

// resolveRefs is Resolve over the references of one expression.
func (m *Mapping) resolveRefs(in Instance, refs []string, typ string) (string, []string) {
	keyed := keyedResources(refs, typ)
	var found, maybe []string
	for _, ref := range refs {
		rt, name, key, ok := parseRef(ref)
		switch {
		case selector(ref):
			continue
		case !ok || rt != typ:
			return "", nil
		case key == "" && keyed[name]:
			continue
		}
		addr, cands := m.resolveRef(in, typ, name, key)
		if addr == "" {
			maybe = append(maybe, cands...)
		} else if !slices.Contains(found, addr) {
			found = append(found, addr)
		}
	}
	if len(found) == 1 && len(maybe) == 0 {
		return found[0], nil
	}
	for _, c := range maybe {
		if !slices.Contains(found, c) {
			found = append(found, c)
		}
	}
	return "", found
}

// keyedResources names the resources of type typ that refs name with a
// key: Terraform lists a keyed reference's resource after it
// (aws_iam_role.r["k"], then aws_iam_role.r), and the key decides.
func keyedResources(refs []string, typ string) map[string]bool {
	keyed := map[string]bool{}
	for _, ref := range refs {
		if rt, name, key, ok := parseRef(ref); ok && rt == typ && key != "" {
			keyed[name] = true
		}
	}
	return keyed
}

// selector reports whether a reference only picks an instance
// (count.index, each.key) or is known when planning (path.*,
// terraform.workspace): it brings no value of its own into a name.
func selector(ref string) bool {
	return ref == "count.index" || ref == "each.key" || ref == "terraform.workspace" || strings.HasPrefix(ref, "path.")
}

// resolveRef finds the instance one reference to typ.name (with key, when
// it has one) means: "" and the candidates when it has several instances
// and none has in's own key.
func (m *Mapping) resolveRef(in Instance, typ, name, key string) (string, []string) {
	cands := m.siblings[in.Module+"|"+typ+"."+name]
	prefix := typ + "." + name
	if in.Module != "" {
		prefix = in.Module + "." + prefix
	}
	if key != "" {
		for _, c := range cands {
			if c.Address == prefix+key {
				return c.Address, nil
			}
		}
		return "", nil
	}
	if len(cands) == 1 {
		return cands[0].Address, nil
	}
	own := strings.TrimPrefix(in.Address, in.Module+".")
	own = strings.TrimPrefix(own, in.Type+"."+in.Name)
	var maybe []string
	for _, c := range cands {
		if own != "" && c.Address == prefix+own {
			return c.Address, nil
		}
		maybe = append(maybe, c.Address)
	}
	return "", maybe
}

// Referenced lists every instance of type typ that attribute attr of in
// refers to, whatever the instance key: what a list attribute with
// unknown elements may contain. only is false when another value (a
// variable, a local, a data source, a resource of another type) enters
// the expression too: the list may then hold anything.
func (m *Mapping) Referenced(in Instance, attr, typ string) (instances []string, only bool) {
	only = true
	for _, ref := range m.plan.Configuration.references(in, attr) {
		t, name, _, ok := parseRef(ref)
		switch {
		case selector(ref):
		case ok && t == typ:
			for _, c := range m.siblings[in.Module+"|"+t+"."+name] {
				if !slices.Contains(instances, c.Address) {
					instances = append(instances, c.Address)
				}
			}
		default:
			only = false
		}
	}
	return instances, only
}

// ResolveAll finds every instance of type typ that the elements of list
// attribute attr of in refer to, when its expression's references say
// exactly which: each reference to a resource is of type typ and names
// one instance (by key, or the one with in's own key), and no other
// value (a variable, a local, a data source) enters the list. count.index
// and each.key only pick instances. ok is false when the references do
// not tell the elements apart; then found is nil.
func (m *Mapping) ResolveAll(in Instance, attr, typ string) (found []string, ok bool) {
	refs := m.plan.Configuration.references(in, attr)
	if len(refs) == 0 {
		return nil, false
	}
	keyed := keyedResources(refs, typ)
	seen := map[string]bool{}
	for _, ref := range refs {
		if selector(ref) {
			continue
		}
		t, name, key, isRes := parseRef(ref)
		if !isRes || t != typ {
			return nil, false
		}
		if key == "" && keyed[name] {
			continue
		}
		addr, _ := m.resolveRef(in, typ, name, key)
		if addr == "" {
			return nil, false
		}
		if !seen[addr] {
			seen[addr] = true
			found = append(found, addr)
		}
	}
	return found, len(found) > 0
}
