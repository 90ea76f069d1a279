# METADATA
# description: |
#   Service control policies of the snapshot's organization: which ones
#   govern a member account (attached to the root, to an OU above it, or to
#   the account), and what their Deny statements deny, with Action and
#   NotAction wildcards resolved (IAM matches actions case-insensitively).
#   SCPs never apply to the management account.
package rampart.lib.aws.scp

import data.rampart.lib.aws
import data.rampart.lib.aws.iam
import rego.v1

organization := input.aws.organization

scps := [p | some p in organization.policies; p.type == "SERVICE_CONTROL_POLICY"]

# members are the accounts SCPs govern: every account but the management
# account. None when the policies were not collected: the engine reports
# that gap, and judging without them would fail every account.
members := [m |
	organization.policies != null
	some m in organization.accounts
	m.id != organization.management_account_id
]

# member_arn is the resource of a member account's result.
member_arn(m) := sprintf("arn:%s:iam::%s:root", [split(organization.arn, ":")[1], m.id])

# applies: policy p is attached to the root, to an OU above member m, or to m.
applies(p, m) if {
	some t in p.targets
	targets(t, m)
}

targets(t, _) if t.type == "ROOT"

targets(t, m) if {
	t.type == "ACCOUNT"
	t.id == m.id
}

targets(t, m) if {
	t.type == "ORGANIZATIONAL_UNIT"
	t.id in m.parents
}

# may_apply: p is attached to an OU and m's place in the tree is unknown,
# or p's targets were not collected.
may_apply(p, m) if {
	not applies(p, m)
	some t in p.targets
	t.type == "ORGANIZATIONAL_UNIT"
	is_null(m.parents)
}

may_apply(p, _) if is_null(p.targets)

# deny_statements lists a parsed SCP's Deny statements.
deny_statements(p) := [s | some s in aws.statements(p.document); s.Effect == "Deny"]

# denies_action: statement s's Action or NotAction covers action, with
# IAM's wildcards (not glob's: "cloudtrail:{Stop" is a literal action that
# covers nothing, not a syntax error).
denies_action(s, action) if {
	some pattern in strings(s.Action)
	iam.action_match(pattern, action)
}

denies_action(s, action) if {
	not s.Action
	s.NotAction
	not not_action_exempts(s, action)
}

not_action_exempts(s, action) if {
	some pattern in strings(s.NotAction)
	iam.action_match(pattern, action)
}

# strings reads a policy element in either form, keeping only strings: a
# malformed element (null, a number) matches nothing rather than failing
# the evaluation.
strings(x) := [e | some e in aws.as_list(x); is_string(e)]

# all_resources: the statement applies to every resource.
all_resources(s) if {
	not s.NotResource
	"*" in strings(s.Resource)
}

# conditions flattens a statement's Condition block into
# {"operator", "key", "values"} entries, names lower-cased.
conditions(s) := [{"operator": lower(op), "key": lower(k), "values": strings(v)} |
	some op, block in object.get(s, "Condition", {})
	some k, v in block
]
