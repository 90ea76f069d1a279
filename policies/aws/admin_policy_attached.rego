# METADATA
# title: No full-admin policy outside approved admin roles
# description: |
#   A policy that allows every action on every resource — AWS-managed
#   (AdministratorAccess), customer-managed or inline — attached to a user,
#   a group or a role that is not an approved admin role (aws.admin_roles
#   in the config, ARN globs where * matches any run of characters) gives
#   whoever holds those credentials the whole account.
#   Judged per principal, on what it is granted, never on a policy merely
#   existing: a user is judged with its groups' policies; a group holding
#   an admin policy fails even while empty. "Full admin" is Allow of "*"
#   (or "*:*") on Resource "*", or an Allow with NotAction on "*" that
#   excludes no IAM action (NotAction ["s3:*"] still grants
#   iam:AttachUserPolicy, hence everything); conditions on the grant do not
#   change that. An unconditional Deny of "*" on "*" in the principal's own
#   policies (the responder's deny-all) neutralises it. A Deny */* policy
#   is not admin. Only roles can be approved: users and groups with full
#   admin always fail.
# custom:
#   id: aws-admin-policy-attached
#   severity: high
#   frameworks:
#     cis-aws-foundations-3.0: ["1.16"]
#   mitre: [T1098.003, T1078.004]
#   remediation: |
#     Replace the full-admin grant with least-privilege policies, e.g.
#     aws iam detach-user-policy --user-name USER --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
#     (detach-group-policy / detach-role-policy, delete-user-policy for inline ones). If the role is an
#     approved break-glass or organization access role, list it under aws.admin_roles in the rampart config.
#   escalation: CISO + Cloud team
#   requires: ["iam:GetAccountAuthorizationDetails"]
#   iac: Y
package rampart.aws.admin_policy_attached

import data.rampart.lib.aws
import data.rampart.lib.aws.iam
import rego.v1

# principals: every user, group and role of an account, with its kind.
principals(account) := array.concat(
	array.concat(
		[{"kind": "user", "type": "AWS::IAM::User", "p": u} | some u in account.users],
		[{"kind": "group", "type": "AWS::IAM::Group", "p": g} | some g in account.groups],
	),
	[{"kind": "role", "type": "AWS::IAM::Role", "p": r} | some r in account.roles],
)

approved(x) if {
	x.kind == "role"
	some pattern in data.rampart.config.aws.admin_roles
	iam.wildcard_match(pattern, x.p.arn)
}

approved_pattern(arn) := [pattern |
	some pattern in data.rampart.config.aws.admin_roles
	iam.wildcard_match(pattern, arn)
][0]

# decisions: each principal's effective policies, read once.
decisions contains {"account": {"account_id": account.account_id}, "x": x, "eff": eff, "admin": iam.admin(eff.statements)} if {
	some account in input.aws.accounts
	some x in principals(account)
	eff := iam.effective(account, x.p, x.kind)
}

results contains r if {
	some d in decisions
	d.admin
	not approved(d.x)
	r := aws.result(
		"FAIL", d.account, "", d.x.p.arn, d.x.type,
		sprintf("%s has full administrator access (* on *) and is not an approved admin role", [d.x.kind]),
		{"admin_grants": iam.admin_sources(d.eff.statements), "unknown_policies": d.eff.unknown},
	)
}

results contains r if {
	some d in decisions
	d.admin
	approved(d.x)
	r := aws.result(
		"PASS", d.account, "", d.x.p.arn, d.x.type,
		"role has full administrator access and is an approved admin role",
		{"admin_grants": iam.admin_sources(d.eff.statements), "approved_by": approved_pattern(d.x.p.arn)},
	)
}

results contains r if {
	some d in decisions
	not d.admin
	count(d.eff.unknown) == 0
	r := aws.result("PASS", d.account, "", d.x.p.arn, d.x.type, sprintf("%s has no full administrator grant", [d.x.kind]), {})
}

# Not admin by what is known, but some policy could not be read: ERROR.
results contains r if {
	some d in decisions
	not d.admin
	count(d.eff.unknown) > 0
	r := aws.result(
		"ERROR", d.account, "", d.x.p.arn, d.x.type,
		sprintf("cannot tell whether the %s has full administrator access: %s", [d.x.kind, concat("; ", d.eff.unknown)]),
		{"unknown_policies": d.eff.unknown},
	)
}
