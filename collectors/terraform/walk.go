package terraform

import (
	"slices"
	"sort"
)

// Instance is one resource instance the plan will leave in place: one per
// count index or for_each key, in any module.
type Instance struct {
	// Address is the full address, e.g. module.ci.aws_iam_role.deploy["dev"].
	Address string
	// Module is the module instance address ("" for the root module,
	// module.a["x"].module.b for nested ones).
	Module string
	Type   string
	Name   string
	Index  any
	// After holds the planned values.
	After Values
	// Unknown is after_unknown: true, or a structure like After marking
	// unknown leaves (read it with UnknownAt).
	Unknown any
	// Created is true when the plan creates the instance (a new
	// resource, or a replacement).
	Created bool
}

// instances lists the managed resource instances that will exist after
// apply, sorted by address. resource_changes is the source: it has every
// instance of every module with its planned action and unknown values.
// A plan without resource_changes (hand-trimmed output) falls back to
// planned_values, walking child modules recursively; there nothing is
// marked unknown, because planned_values leaves unknown attributes out.
func (p *Plan) instances() []Instance {
	var out []Instance
	if p.ResourceChanges != nil {
		for _, rc := range p.ResourceChanges {
			if rc.Mode != "managed" || deleted(rc.Change.Actions) || rc.Change.After == nil {
				continue
			}
			out = append(out, Instance{
				Address: rc.Address, Module: rc.ModuleAddress, Type: rc.Type, Name: rc.Name, Index: rc.Index,
				After: rc.Change.After, Unknown: rc.Change.AfterUnknown,
				Created: slices.Contains(rc.Change.Actions, "create"),
			})
		}
	} else if p.PlannedValues != nil {
		var walk func(m plannedModule)
		walk = func(m plannedModule) {
			for _, r := range m.Resources {
				if r.Mode != "managed" {
					continue
				}
				out = append(out, Instance{Address: r.Address, Module: m.Address, Type: r.Type, Name: r.Name, Index: r.Index, After: r.Values})
			}
			for _, c := range m.ChildModules {
				walk(c)
			}
		}
		walk(p.PlannedValues.RootModule)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// deleted reports whether a change removes the resource for good. A
// replacement (delete then create, or create then delete) leaves a new
// instance in place and is evaluated.
func deleted(actions []string) bool {
	return slices.Contains(actions, "delete") && !slices.Contains(actions, "create")
}
