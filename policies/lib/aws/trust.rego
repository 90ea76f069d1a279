# METADATA
# description: |
#   Reading role trust policies exactly: who a statement lets assume the
#   role (principals in every form), which accounts the organization
#   considers its own, and whether a statement's conditions pin the caller
#   to an organization, an account or an external ID.
package rampart.lib.aws.trust

import data.rampart.lib.aws
import data.rampart.lib.aws.iam
import rego.v1

# --- Own accounts ---------------------------------------------------------
#
# "Own" accounts are the scanned accounts, the organization's accounts (when
# the snapshot has the organization), and the config's aws.account_ids.
# aws.trusted_accounts are third parties approved on purpose: trusting them
# is not a cross-account finding, but they are still third parties, so
# aws-cross-account-no-external-id still asks for an external ID (the
# confused deputy is exactly a vendor acting for many customers).

own_accounts contains a.account_id if some a in input.aws.accounts

own_accounts contains a.id if some a in input.aws.organization.accounts

own_accounts contains id if some id in data.rampart.config.aws.account_ids

trusted_accounts contains id if some id in data.rampart.config.aws.trusted_accounts

# own_org_ids: the snapshot's organization, or, when the snapshot has none
# (a scan of member accounts only), the config's aws.organization_id.
own_org_ids contains input.aws.organization.id if input.aws.organization.id != ""

own_org_ids contains id if {
	not input.aws.organization.id
	id := data.rampart.config.aws.organization_id
	id != ""
}

# unreadable(role) says why a role's trust policy cannot be judged: it did
# not parse, or it is not a policy document. Undefined for a readable one
# and for one not collected (null without error: the engine reports the
# collection error).
unreadable(role) := sprintf("trust policy did not parse: %s", [role.trust_policy_error]) if {
	not is_object(role.trust_policy)
	object.get(role, "trust_policy_error", "") != ""
} else := "trust policy is not a policy document (expected a JSON object)" if {
	role.trust_policy != null
	not is_object(role.trust_policy)
}

# role_results is the results of a control judging each role on its trust
# policy: one per element [account_id, role, [status, message, evidence]]
# of judged, which holds the roles whose trust policy is readable, and an
# ERROR for each role whose trust policy is not an object, saying why. A
# list, as every control with a result per principal gives (policies/
# README.md, "Writing a fast control").
role_results(judged, type) := array.concat(
	[r |
		some [account_id, role, [status, message, evidence]] in judged
		r := {"status": status, "account": account_id, "resource": role.arn, "resource_type": type, "message": message, "evidence": evidence}
	],
	[r |
		some account in input.aws.accounts
		some role in account.roles
		not is_object(role.trust_policy)
		why := unreadable(role)
		r := {
			"status": "ERROR", "account": account.account_id, "resource": role.arn, "resource_type": type,
			"message": why, "evidence": {"trust_policy_error": object.get(role, "trust_policy_error", "")},
		}
	],
)

# --- Statements that let someone assume the role --------------------------

assume_actions := {"sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"}

# allow_statements: the Allow statements of a trust policy that grant one
# of the assume actions (sts:TagSession alone lets nobody in). Deny
# statements never grant, so they never make a finding; nor are they
# credited with narrowing an Allow (a Deny of "*" unless
# aws:PrincipalOrgID matches is a real guard, but crediting Denies is
# not modelled: that can only err towards FAIL, never towards PASS).
allow_statements(doc) := [s |
	some s in aws.statements(doc)
	grants_assume(s)
]

grants_assume(s) if {
	some a in assume_actions
	iam.allows_action(s, a)
}

# --- Principals -----------------------------------------------------------
#
# principals(s) lists what a statement's principal names, each as
# {"type": T, "value": V} with T one of AWS, Federated, Service,
# CanonicalUser:
#   "*"                              -> AWS "*"
#   {"AWS": "*"} / {"AWS": [..]}     -> one entry per value
#   NotPrincipal (in an Allow)       -> AWS "*": it lets in everyone but
#                                       the listed principals.
principals(s) := [{"type": "AWS", "value": "*"}] if {
	s.Principal == "*"
} else := [{"type": "AWS", "value": "*"}] if {
	s.NotPrincipal
} else := [{"type": t, "value": text(v)} |
	is_object(s.Principal)
	some t, vs in s.Principal
	some v in aws.as_list(vs)
]

# text reads a policy value as IAM does, as a string: a plan written with
# jsonencode may hold an account ID as a number, and string built-ins
# must never fail (a built-in error fails the whole evaluation).
text(v) := v if {
	is_string(v)
} else := sprintf("%v", [v])

# wildcard_aws: an AWS principal that is "*" or contains a wildcard (IAM
# rejects partial wildcards in principals, but a plan may hold one, and
# the only safe reading of it is "anyone").
wildcard_aws(p) if {
	p.type == "AWS"
	iam.has_wildcard(p.value)
}

# principal_account: the account an AWS principal belongs to. A bare
# account ID is that account's root; an ARN (root, user, role, path,
# assumed-role session, federated-user) carries it in its fifth field.
# A unique ID (AIDA.../AROA..., left behind when the principal was
# deleted) names no account and matches no caller.
principal_account(p) := p.value if {
	p.type == "AWS"
	regex.match(`^[0-9]{12}$`, p.value)
} else := account if {
	p.type == "AWS"
	startswith(p.value, "arn:")
	account := iam.arn_account(p.value)
	regex.match(`^[0-9]{12}$`, account)
}

# --- Federated providers --------------------------------------------------
#
# A Federated principal is a SAML provider ARN (…:saml-provider/NAME), an
# OIDC provider ARN (…:oidc-provider/HOST[/PATH]), or a bare OIDC host
# (token.actions.githubusercontent.com, cognito-identity.amazonaws.com,
# accounts.google.com, ...). oidc_host gives the host whose claims the
# conditions name ("<host>:sub", "<host>:aud").
oidc_host(p) := host if {
	p.type == "Federated"
	not contains(p.value, ":saml-provider/")
	host := oidc_host_of(p.value)
}

oidc_host_of(v) := substring(v, i + count(":oidc-provider/"), -1) if {
	i := indexof(v, ":oidc-provider/")
	i >= 0
} else := trim_prefix(v, "https://")

# --- Conditions -----------------------------------------------------------
#
# conditions(s) flattens a statement's Condition block into entries
#   {"op": base operator, "set": "ForAnyValue" | "ForAllValues" | "",
#    "if_exists": bool, "key": lower-cased key, "values": [..]}
# Condition keys are case-insensitive in AWS, operator names are not.
conditions(s) := [c |
	is_object(s.Condition)
	some op, block in s.Condition
	is_object(block)
	some key, vals in block
	c := object.union(parse_operator(op), {"key": lower(key), "values": [text(v) | some v in aws.as_list(vals)]})
]

parse_operator(op) := object.union(base_operator(parts[1]), {"set": parts[0]}) if {
	parts := split(op, ":")
	count(parts) == 2
} else := object.union(base_operator(op), {"set": ""})

base_operator(op) := {"op": trim_suffix(op, "IfExists"), "if_exists": true} if {
	endswith(op, "IfExists")
} else := {"op": op, "if_exists": false}

equality_ops := {"StringEquals", "StringEqualsIgnoreCase", "ArnEquals"}

like_ops := {"StringLike", "ArnLike"}

# A condition can pin only with an equality or Like operator, and not
# under ForAllValues (true when the key is absent or empty). ForAnyValue
# on a single-valued key behaves as the plain operator when the key is
# present and fails when it is absent, so it pins.
#
# ...IfExists pins only for keys every caller of that kind carries: an
# absent key makes the condition true. An OIDC token always has sub and
# aud, so pinning_form accepts IfExists on them. aws:PrincipalAccount and
# aws:PrincipalArn are in every request signed by an AWS principal, but
# not in AssumeRoleWithWebIdentity / AssumeRoleWithSAML, which are
# unsigned: IfExists on them pins only a statement that grants neither
# (see pins_in). aws:PrincipalOrgID / aws:PrincipalOrgPaths are
# absent for callers outside any organization, aws:SourceAccount /
# aws:SourceArn for direct callers, sts:ExternalId for a caller that just
# leaves it out: with IfExists those pin nothing.
token_claim(key) if endswith(key, ":sub")

token_claim(key) if endswith(key, ":aud")

pinning_form(c) if {
	c.op in (equality_ops | like_ops)
	c.set != "ForAllValues"
	not c.if_exists
}

pinning_form(c) if {
	c.op in (equality_ops | like_ops)
	c.set != "ForAllValues"
	c.if_exists
	token_claim(c.key)
}

# pins_in(s, c): c pins within statement s, IfExists on the principal
# keys included when s grants only signed assumption.
pins_in(_, c) if pinning_form(c)

pins_in(s, c) if {
	c.op in (equality_ops | like_ops)
	c.set != "ForAllValues"
	c.if_exists
	c.key in {"aws:principalaccount", "aws:principalarn"}
	not unsigned_assume(s)
}

unsigned_assume(s) if iam.allows_action(s, "sts:AssumeRoleWithWebIdentity")

unsigned_assume(s) if iam.allows_action(s, "sts:AssumeRoleWithSAML")

# pinned_values(s, key) lists the values the pinning conditions on key
# (a caller-pin key below) allow; it is undefined when none pins. Within
# one condition, alternatives are ORed, so it pins only when each value
# does: one open alternative opens it. Conditions on the same key under
# several operators (or spelled in several cases) are ANDed; their values
# are listed together, which can only widen what the cross-account
# control reports, and a function must have one value per input.
pinned_values(s, key) := vals if {
	vals := sort({v |
		some c in conditions(s)
		c.key == key
		pins_in(s, c)
		count(c.values) > 0
		every x in c.values {
			pinned_value(key, x)
		}
		some v in c.values
	})
	count(vals) > 0
}

# What a pinned value is, per key. A value with a wildcard is judged as a
# pattern whatever the operator ("*" under StringEquals matches only the
# literal "*", but its author meant "anyone").
#   aws:PrincipalOrgID   an organization ID, no wildcard ("o-*" pins nothing)
#   aws:PrincipalOrgPaths  a path whose organization is fixed: o-xxx/...
#   aws:PrincipalAccount, aws:SourceAccount  12 digits, no wildcard
#   aws:PrincipalArn     an ARN whose account field is 12 digits
#   aws:SourceArn        an ARN whose account field is 12 digits, or a
#                        literal ARN without wildcard (S3 ARNs have no account)
#   sts:ExternalId       a non-empty value without wildcard: an external ID
#                        is a shared secret, a pattern of it is no secret
pinned_value("aws:principalorgid", v) if regex.match(`^o-[a-z0-9]{10,32}$`, v)

pinned_value("aws:principalorgpaths", v) if regex.match(`^o-[a-z0-9]{10,32}/`, v)

pinned_value("aws:principalaccount", v) if regex.match(`^[0-9]{12}$`, v)

pinned_value("aws:sourceaccount", v) if regex.match(`^[0-9]{12}$`, v)

pinned_value("aws:sourcearn", v) if {
	is_string(v)
	regex.match(`^[0-9]{12}$`, iam.arn_account(v))
}

# aws:PrincipalArn is not in the catalogue's list, but "*" narrowed to
# arn:aws:iam::ACCOUNT:role/x is a common and sound pin: it counts when
# the account field is fixed.
pinned_value("aws:principalarn", v) if {
	is_string(v)
	regex.match(`^[0-9]{12}$`, iam.arn_account(v))
}

pinned_value("aws:sourcearn", v) if {
	is_string(v)
	startswith(v, "arn:")
	not iam.has_wildcard(v)
}

pinned_value("sts:externalid", v) if {
	is_string(v)
	v != ""
	not iam.has_wildcard(v)
}

caller_pin_keys := [
	"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount",
	"aws:sourceaccount", "aws:sourcearn", "aws:principalarn", "sts:externalid",
]

# caller_pins: the keys (and values) that pin who may assume through s.
caller_pins(s) := {key: vals |
	some key in caller_pin_keys
	vals := pinned_values(s, key)
}

# has_external_id is true or false (never undefined), for evidence.
has_external_id(s) if {
	pinned_values(s, "sts:externalid")
} else := false

# --- Who a wildcard statement really lets in ------------------------------
#
# A wildcard principal narrowed by conditions lets in:
#   the pinned accounts (aws:PrincipalAccount, aws:SourceAccount, the
#   account field of aws:SourceArn and aws:PrincipalArn), or
#   the pinned organizations (aws:PrincipalOrgID, aws:PrincipalOrgPaths).
# With neither (nothing, or sts:ExternalId alone) it lets in any account.
narrowed_accounts(s) := {a |
	some key in ["aws:principalaccount", "aws:sourceaccount"]
	some a in pinned_values(s, key)
} | {a |
	some key in ["aws:sourcearn", "aws:principalarn"]
	some v in pinned_values(s, key)
	a := iam.arn_account(v)
	regex.match(`^[0-9]{12}$`, a)
}

narrowed_orgs(s) := {o | some o in pinned_values(s, "aws:principalorgid")} | {o |
	some path in pinned_values(s, "aws:principalorgpaths")
	o := split(path, "/")[0]
}

# grants(s) lists what one Allow statement lets in, each as
# {"kind": "account" | "org" | "any", "id": ..., "principal": ...}
# for the AWS principals (Service, Federated and CanonicalUser principals
# are not accounts: never cross-account findings).
grants(s) := [g |
	some p in principals(s)
	some g in principal_grants(s, p)
]

principal_grants(_, p) := [{"kind": "account", "id": principal_account(p), "principal": p.value}] if {
	not wildcard_aws(p)
	principal_account(p)
}

principal_grants(s, p) := wildcard_grants(s, p.value) if wildcard_aws(p)

wildcard_grants(s, principal) := gs if {
	gs := [{"kind": "account", "id": a, "principal": principal} | some a in narrowed_accounts(s)]
	count(gs) > 0
} else := gs if {
	gs := [{"kind": "org", "id": o, "principal": principal} | some o in narrowed_orgs(s)]
	count(gs) > 0
} else := [{"kind": "any", "id": "*", "principal": principal}]

# is_own: a grant to the role's own account, an own account or the own
# organization.
is_own(g, _) if {
	g.kind == "account"
	g.id in own_accounts
}

is_own(g, role_account) if {
	g.kind == "account"
	g.id == role_account
}

is_own(g, _) if {
	g.kind == "org"
	g.id in own_org_ids
}

is_trusted(g) if {
	g.kind == "account"
	g.id in trusted_accounts
}
