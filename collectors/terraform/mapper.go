package terraform

import (
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// A mapper adds one resource instance of its type to the snapshot being
// built. Mappers of phase 0 create things (users, roles, policies,
// trails); mappers of phase 1 connect them (attachments, memberships,
// inline policies, keys), so they run once every phase-0 resource is
// known, whatever the plan's order.
type mapper struct {
	phase int
	fn    func(m *mapping, in instance)
}

// mappers is the table of supported resource types. Azure and GCP
// resource types add their entries (and their snapshot sections) here.
var mappers = map[string]mapper{}

// register adds mappers for resource types; each provider's file calls it
// from init.
func register(phase int, fns map[string]func(m *mapping, in instance)) {
	for typ, fn := range fns {
		mappers[typ] = mapper{phase: phase, fn: fn}
	}
}

// SupportedTypes lists the resource types the mapping reads, sorted.
func SupportedTypes() []string {
	out := make([]string, 0, len(mappers))
	for t := range mappers {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// mapping is the state of one plan's mapping.
type mapping struct {
	plan      *Plan
	opts      Options
	instances []instance
	// siblings indexes instances by module instance and resource
	// (module|type.name), to resolve references.
	siblings map[string][]instance
	errors   []snapshot.CollectionError
	aws      *awsBuilder
}

func newMapping(p *Plan, opts Options) *mapping {
	return &mapping{plan: p, opts: opts, siblings: map[string][]instance{}}
}

func (m *mapping) add(in instance) {
	if _, ok := mappers[in.Type]; !ok {
		return
	}
	m.instances = append(m.instances, in)
	k := in.Module + "|" + in.Type + "." + in.Name
	m.siblings[k] = append(m.siblings[k], in)
}

// finish runs the mappers phase by phase and writes the provider sections,
// scopes and errors into s.
func (m *mapping) finish(s *snapshot.Snapshot) {
	for phase := range 2 {
		for _, in := range m.instances {
			if mp := mappers[in.Type]; mp.phase == phase {
				mp.fn(m, in)
			}
		}
	}
	if m.aws != nil {
		m.aws.finish(m, s)
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

func (m *mapping) fail(e snapshot.CollectionError) { m.errors = append(m.errors, e) }

// resolve finds the instance of type typ that attribute attr of in refers
// to, through the configuration's references: aws_iam_policy.p,
// aws_iam_policy.p["k"], or, for a resource with several instances, the
// one with in's own key (the for_each/count pattern). When the reference
// is absent or ambiguous it returns "" and the instances it may mean.
func (m *mapping) resolve(in instance, attr, typ string) (string, []string) {
	var maybe []string
	for _, ref := range m.plan.Configuration.references(in, attr) {
		rt, name, key, ok := parseRef(ref)
		if !ok || rt != typ {
			continue
		}
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
			continue
		}
		if len(cands) == 1 {
			return cands[0].Address, nil
		}
		own := strings.TrimPrefix(in.Address, in.Module+".")
		own = strings.TrimPrefix(own, in.Type+"."+in.Name)
		for _, c := range cands {
			if own != "" && c.Address == prefix+own {
				return c.Address, nil
			}
		}
		for _, c := range cands {
			maybe = append(maybe, c.Address)
		}
	}
	return "", maybe
}
