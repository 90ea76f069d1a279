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
#   admin always fail. The grant fails even when a permissions boundary or
#   an SCP holds it back (the policy is still attached, and removing the
#   boundary restores it): the evidence then says so ("effective_admin":
#   false, "held_back_by"). Facts come from rampart's IAM analysis
#   (data.rampart.analysis.aws, see policies/README.md). On a Terraform
#   plan, a customer-managed policy the plan changes or keeps but did not
#   create may be attached to principals the plan does not show: a
#   full-admin document FAILs on the policy itself ("holders outside the
#   plan"); a document unknown until apply is ERROR.
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
#   requires: ["iam:GetAccountAuthorizationDetails", "iam:inline_policy", "iam:managed_policy_arns", "iam:permissions_boundary", "iam:groups"]
#   iac: Y
package rampart.aws.admin_policy_attached

import data.rampart.lib.aws
import data.rampart.lib.aws.analysis
import data.rampart.lib.aws.iam
import rego.v1

# judged pairs every user, group and role with its facts from the IAM
# analysis (null when the analysis does not know it), the account's facts
# looked up once per account. This control emits one result per
# principal: see policies/README.md, "Writing a fast control".
judged := array.concat(
	array.concat(
		[[account.account_id, u.arn, "AWS::IAM::User", "user", f] |
			some account in input.aws.accounts
			facts := object.get(data.rampart.analysis.aws.principals, account.account_id, {})
			some u in account.users
			f := object.get(facts, u.arn, null)
		],
		[[account.account_id, g.arn, "AWS::IAM::Group", "group", f] |
			some account in input.aws.accounts
			facts := object.get(data.rampart.analysis.aws.principals, account.account_id, {})
			some g in account.groups
			f := object.get(facts, g.arn, null)
		],
	),
	[[account.account_id, r.arn, "AWS::IAM::Role", "role", f] |
		some account in input.aws.accounts
		facts := object.get(data.rampart.analysis.aws.principals, account.account_id, {})
		some r in account.roles
		f := object.get(facts, r.arn, null)
	],
)

# no_grant_message is the message of a PASS per kind: a lookup, where
# sprintf would be a builtin call per principal.
no_grant_message := {kind: sprintf("%s has no full administrator grant", [kind]) | some kind in ["user", "group", "role"]}

approved(kind, arn) if {
	kind == "role"
	some pattern in data.rampart.config.aws.admin_roles
	iam.wildcard_match(pattern, arn)
}

approved_pattern(arn) := [pattern |
	some pattern in data.rampart.config.aws.admin_roles
	iam.wildcard_match(pattern, arn)
][0]

admin_evidence(f) := object.union(
	{"admin_grants": f.admin_grants, "effective_admin": f.admin},
	{"held_back_by": by | by := f.held_back_by},
)

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		# Principals with an admin grant are few: their verdict reads the ARN
		# (approved roles). The others are decided on their kind and facts alone,
		# a call OPA memoizes: principals with equal facts share one evaluation.
		[r |
			some [account_id, arn, type, kind, f] in judged
			f.identity_admin == true
			[status, message, evidence] := admin_verdict(kind, arn, f)
			r := {"status": status, "account": account_id, "resource": arn, "resource_type": type, "message": message, "evidence": evidence}
		],
		[r |
			some [account_id, arn, type, kind, f] in judged
			f.identity_admin == false
			[status, message, evidence] := verdict(kind, f)
			r := {"status": status, "account": account_id, "resource": arn, "resource_type": type, "message": message, "evidence": evidence}
		],
		[r |
			some [account_id, arn, type, _, null] in judged
			r := {"status": "ERROR", "account": account_id, "resource": arn, "resource_type": type, "message": analysis.missing, "evidence": {}}
		],
		# A policy a Terraform plan manages but did not create may be
		# attached to principals the plan does not show: a full-admin
		# document fails on the policy itself, one unknown until apply
		# cannot be cleared.
		[r |
			some account in input.aws.accounts
			some p in object.get(account, "policies", [])
			p.holders_outside_plan == true
			[status, message] := outside_policy_verdict(p)
			r := {
				"status": status, "account": account.account_id, "resource": p.arn, "resource_type": "AWS::IAM::ManagedPolicy",
				"message": message, "evidence": {"holders_outside_plan": true},
			}
		],
	]
	some result in part
]

outside_policy_verdict(p) := [
	"FAIL",
	"policy allows every action on every resource and exists already: principals outside this plan may hold it",
] if {
	admin_document(p.document)
} else := [
	"ERROR",
	sprintf("policy exists already and its document is not known: %s", [object.get(p, "document_error", "no document")]),
] if {
	not is_object(p.document)
}

admin_document(doc) if {
	some s in aws.as_list(doc.Statement)
	iam.admin_statement(s)
	not deny_all_in(doc)
}

deny_all_in(doc) if {
	some s in aws.as_list(doc.Statement)
	iam.deny_all(s)
}

admin_verdict(kind, arn, f) := [
	"FAIL",
	sprintf("%s has full administrator access (* on *) and is not an approved admin role", [kind]),
	object.union(admin_evidence(f), {"unknown_policies": f.unknown_policies}),
] if {
	not approved(kind, arn)
} else := [
	"PASS",
	"role has full administrator access and is an approved admin role",
	object.union(admin_evidence(f), {"approved_by": approved_pattern(arn)}),
]

verdict(kind, f) := ["PASS", no_grant_message[kind], {}] if {
	count(f.unknown_policies) == 0
} else := [
	"ERROR",
	sprintf("cannot tell whether the %s has full administrator access: %s", [kind, concat("; ", f.unknown_policies)]),
	{"unknown_policies": f.unknown_policies},
]
