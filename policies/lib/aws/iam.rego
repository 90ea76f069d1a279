# METADATA
# description: |
#   What an IAM principal is granted: its effective policy statements
#   (attached managed, inline, and for a user those of its groups), action
#   and resource matching with IAM's wildcards and NotAction/NotResource,
#   and the one notion of "full admin" every AWS control shares.
package rampart.lib.aws.iam

import data.rampart.lib.aws
import rego.v1

# --- Wildcards ------------------------------------------------------------

# wildcard_match is IAM's own matching: "*" is any run of characters
# (including none and including "/" and ":"), "?" is one character, and
# every other character is literal. It is built on a regular expression
# rather than glob.match, because glob gives "[", "{" and "," meaning and
# errors on an unbalanced "[", and policy resources such as
# "arn:aws:s3:::b/${aws:username}/*" contain them.
wildcard_match(pattern, s) if {
	not has_wildcard(pattern)
	pattern == s
}

wildcard_match(pattern, s) if {
	has_wildcard(pattern)
	regex.match(wildcard_regex(pattern), s)
}

wildcard_regex(pattern) := concat("", ["^", replace(replace(escaped, "*", ".*"), "?", "."), "$"]) if {
	escaped := regex.replace(pattern, `[.+^$()|\[\]{}\\]`, `\$0`)
}

# has_wildcard is true for a value that is a pattern rather than a literal.
has_wildcard(s) if contains(s, "*")

has_wildcard(s) if contains(s, "?")

# action_match: IAM action names are case-insensitive ("IAM:putuserpolicy"
# is iam:PutUserPolicy), so both sides are lower-cased.
action_match(pattern, action) if {
	is_string(pattern)
	wildcard_match(lower(pattern), lower(action))
}

# --- Statements -----------------------------------------------------------

# allows_action: an Allow statement grants action through Action when one
# of its patterns matches, and through NotAction when none of the listed
# patterns matches (an Allow with NotAction grants every action it does
# not list, across all services).
allows_action(s, action) if {
	s.Effect == "Allow"
	grants_action(s, action)
}

denies_action(s, action) if {
	s.Effect == "Deny"
	grants_action(s, action)
}

grants_action(s, action) if {
	some p in aws.as_list(s.Action)
	action_match(p, action)
}

grants_action(s, action) if {
	s.NotAction
	not s.Action
	not any_action_match(s.NotAction, action)
}

any_action_match(patterns, action) if {
	some p in aws.as_list(patterns)
	action_match(p, action)
}

# covers_resource: a statement's Resource matches arn (ARNs are matched
# case-sensitively, as IAM does); with NotResource, every ARN not listed.
covers_resource(s, arn) if {
	some p in aws.as_list(s.Resource)
	is_string(p)
	wildcard_match(p, arn)
}

covers_resource(s, arn) if {
	s.NotResource
	not s.Resource
	not any_resource_match(s.NotResource, arn)
}

any_resource_match(patterns, arn) if {
	some p in aws.as_list(patterns)
	is_string(p)
	wildcard_match(p, arn)
}

# all_resources: the statement names Resource "*" (alone or in a list).
all_resources(s) if "*" in aws.as_list(s.Resource)

# --- Full admin -----------------------------------------------------------
#
# A statement is full admin when it is an Allow on Resource "*" and either
#   - Action is "*" (or "*:*"), alone or in a list, or
#   - it uses NotAction and none of the excluded patterns touches IAM
#     (e.g. NotAction ["s3:*"]): whoever may do every IAM action can grant
#     themselves the rest, so excluding a non-IAM service excludes nothing
#     that matters. NotAction ["iam:*", "organizations:*", ...] (the shape
#     of AWS's PowerUserAccess) is not admin; what it still allows is
#     judged by aws-privilege-escalation.
# Conditions do not matter: an admin grant that requires MFA or a source
# IP is still an admin grant.
# A principal is full admin when one of its effective statements is, and
# no unconditional Deny of "*" on "*" in its own policies takes it away
# (the deny-all inline policy responders put on a compromised user).

admin_statement(s) if {
	s.Effect == "Allow"
	all_resources(s)
	some p in aws.as_list(s.Action)
	p in {"*", "*:*"}
}

admin_statement(s) if {
	s.Effect == "Allow"
	all_resources(s)
	s.NotAction
	not s.Action
	not excludes_iam(s.NotAction)
}

excludes_iam(patterns) if {
	some p in aws.as_list(patterns)
	is_string(p)
	service := split(lower(p), ":")[0]
	wildcard_match(service, "iam")
}

# deny_all: an unconditional Deny of every action on every resource.
deny_all(s) if {
	s.Effect == "Deny"
	not s.Condition
	all_resources(s)
	denies_action(s, "iam:PutUserPolicy")
	denies_action(s, "s3:GetObject")
	denies_action(s, "ec2:RunInstances")
}

# is_admin: entries are effective(...).statements entries.
is_admin(entries) if {
	some e in entries
	admin_statement(e.statement)
	not any_deny_all(entries)
}

# admin is is_admin as true or false, for decisions stored in rules.
admin(entries) if {
	is_admin(entries)
} else := false

any_deny_all(entries) if {
	some e in entries
	deny_all(e.statement)
}

# admin_sources names the policies that make a principal admin (evidence).
admin_sources(entries) := sort({e.source | some e in entries; admin_statement(e.statement)})

# removed_by_deny: an unconditional Deny of action on Resource "*" in the
# principal's own policies removes any grant of it. Denies with conditions
# or on narrower resources are not credited: they could only turn a FAIL
# into a PASS, and guessing that is how false PASSes happen.
removed_by_deny(entries, action) if {
	some e in entries
	s := e.statement
	not s.Condition
	all_resources(s)
	denies_action(s, action)
}

# --- Effective statements -------------------------------------------------
#
# effective(account, principal, kind) is
#   {"statements": [{"statement": s, "source": "..."}], "unknown": [...]}
# for kind "user", "group" or "role". A user's statements include those of
# its groups. account must be one of input.aws.accounts: its policies and
# groups are looked up in indexes built from the input. "unknown" names
# each policy whose document is missing from the snapshot or did not
# parse: a control must not PASS on a principal with unknown policies (it
# may still FAIL on what it knows).

effective(account, principal, "user") := {
	"statements": array.concat(own_statements(account, principal), group_statements(account, principal)),
	"unknown": array.concat(own_unknown(account, principal), group_unknown(account, principal)),
}

effective(account, principal, kind) := {
	"statements": own_statements(account, principal),
	"unknown": own_unknown(account, principal),
} if kind in {"group", "role"}

own_statements(account, principal) := array.concat(
	[{"statement": s, "source": sprintf("managed %s", [ap.arn])} |
		some ap in object.get(principal, "attached_policies", [])
		some p in managed_index[account.account_id][ap.arn]
		is_object(p.document)
		some s in aws.statements(p.document)
	],
	[{"statement": s, "source": sprintf("inline %s", [ip.name])} |
		some ip in object.get(principal, "inline_policies", [])
		is_object(ip.document)
		some s in aws.statements(ip.document)
	],
)

own_unknown(account, principal) := array.concat(managed_unknown(account, principal), [sprintf("inline %s: document did not parse: %s", [ip.name, object.get(ip, "document_error", "")]) |
	some ip in object.get(principal, "inline_policies", [])
	not is_object(ip.document)
])

managed_unknown(account, principal) := array.concat(
	[sprintf("managed %s: document did not parse: %s", [ap.arn, object.get(p, "document_error", "")]) |
		some ap in object.get(principal, "attached_policies", [])
		some p in managed_index[account.account_id][ap.arn]
		not is_object(p.document)
	],
	[sprintf("managed %s: not in the snapshot's managed policies", [ap.arn]) |
		some ap in object.get(principal, "attached_policies", [])
		not managed_index[account.account_id][ap.arn]
	],
)

group_statements(account, user) := [e |
	some name in object.get(user, "groups", [])
	some g in group_index[account.account_id][name]
	some x in own_statements(account, g)
	e := {"statement": x.statement, "source": sprintf("group %s: %s", [name, x.source])}
]

group_unknown(account, user) := array.concat(
	[sprintf("group %s: %s", [name, u]) |
		some name in object.get(user, "groups", [])
		some g in group_index[account.account_id][name]
		some u in own_unknown(account, g)
	],
	[sprintf("group %s: not in the snapshot", [name]) |
		some name in object.get(user, "groups", [])
		not group_index[account.account_id][name]
	],
)

# The managed policies and groups of every account, indexed once per
# evaluation: principals look theirs up by ARN or name instead of scanning
# the account's lists (10,000 users times 1,000 policies adds up). Each
# key maps to a list: a snapshot listing one ARN twice must not make the
# index conflict, which would fail the whole evaluation; the fast path
# serves the usual snapshot, where keys are unique.
managed_index := {id: by_key(listed(id, "policies"), "arn") | some id in account_ids}

group_index := {id: by_key(listed(id, "groups"), "name") | some id in account_ids}

account_ids := {a.account_id | some a in input.aws.accounts}

# listed gathers a list field of every account entry with this ID (one,
# in a well-formed snapshot).
listed(id, field) := [x |
	some a in input.aws.accounts
	a.account_id == id
	some x in object.get(a, field, [])
]

by_key(items, key) := {x[key]: [x] | some x in items} if {
	count({x[key] | some x in items}) == count(items)
} else := {k: [x | some x in items; x[key] == k] | some k in {x[key] | some x in items}}

# --- Convenience ----------------------------------------------------------

# arn_account is the account ID of an ARN
# (arn:partition:iam::ACCOUNT:...), or "" when it has none.
arn_account(arn) := parts[4] if {
	parts := split(arn, ":")
	count(parts) >= 6
} else := ""
