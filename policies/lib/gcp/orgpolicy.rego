# METADATA
# description: |
#   Organization policy inheritance. A policy set on a level reaches the
#   levels below it unless one of them sets its own; a list policy with
#   inherit_from_parent merges with its parent's effective policy; a
#   restore_default (v2: reset) returns the level to Google's default, which
#   enforces neither of the constraints rampart checks. Effective values
#   are decided only when every level from the one judged up to the
#   organization was collected with its policies.
package rampart.lib.gcp.orgpolicy

import data.rampart.lib.gcp.hierarchy
import rego.v1

# decidable holds when c's whole chain is known and each level's policies
# were collected.
decidable(c) if {
	hierarchy.known_ancestry(c)
	every n in hierarchy.chain(c) {
		n.org_policies != null
	}
}

# undecided_reason says why c's effective policy cannot be decided.
undecided_reason(c) := hierarchy.ancestry_note(c) if not hierarchy.known_ancestry(c)

undecided_reason(c) := sprintf("organization policies of %s were not collected", [concat(", ", [n.name | some n in hierarchy.chain(c); n.org_policies == null])]) if {
	hierarchy.known_ancestry(c)
	not decidable(c)
}

# set_on lists the policies for constraint k along c's chain, nearest
# first, each with the level it is set on.
set_on(c, k) := [object.union(p, {"level": n.name}) |
	some n in hierarchy.chain(c)
	some p in n.org_policies
	p.constraint == k
]

# boolean_deciding are the policies that decide a boolean constraint: an
# explicit value or a reset. A conditional rule alone decides nothing.
boolean_deciding(c, k) := [p | some p in set_on(c, k); deciding_bool(p)]

deciding_bool(p) if p.restore_default

deciding_bool(p) if p.enforced != null

# boolean_enforced holds when a boolean constraint is effectively enforced
# at c (decidable(c) must hold).
boolean_enforced(c, k) if {
	ps := boolean_deciding(c, k)
	count(ps) > 0
	not ps[0].restore_default
	ps[0].enforced == true
}

# boolean_source is the policy that decides k at c, or null.
boolean_source(c, k) := ps[0] if {
	ps := boolean_deciding(c, k)
	count(ps) > 0
} else := null

# list_deciding are the list policies along the chain that say something.
list_deciding(c, k) := [p | some p in set_on(c, k); deciding_list(p)]

deciding_list(p) if p.restore_default

deciding_list(p) if p.all_values != ""

deciding_list(p) if count(list(p.allowed_values)) > 0

deciding_list(p) if count(list(p.denied_values)) > 0

merging(p) if {
	p.inherit_from_parent
	not p.restore_default
	p.all_values == ""
	count(list(p.allowed_values)) > 0
}

# list_restricted holds when list constraint k effectively allows only a
# set of values at c: some level sets allowed values (or denies all) and
# every level between it and c merges with it instead of replacing it.
list_restricted(c, k) if {
	ps := list_deciding(c, k)
	count(ps) > 0
	stops := [i | some i, p in ps; not merging(p)]
	count(stops) == 0
}

list_restricted(c, k) if {
	ps := list_deciding(c, k)
	stops := [i | some i, p in ps; not merging(p)]
	count(stops) > 0
	restricts(ps[min(stops)])
}

restricts(p) if {
	not p.restore_default
	p.all_values == "DENY"
}

restricts(p) if {
	not p.restore_default
	p.all_values == ""
	count(list(p.allowed_values)) > 0
}

# list_allowed are the values effectively allowed at c when restricted:
# those of the merging levels and the one that stops the merge.
list_allowed(c, k) := {v |
	ps := list_deciding(c, k)
	stops := [i | some i, p in ps; not merging(p)]
	last := min(array.concat(stops, [count(ps) - 1]))
	some i, p in ps
	i <= last
	some v in list(p.allowed_values)
}

# list reads a list that may be null as a list.
list(x) := x if x != null

list(x) := [] if x == null
