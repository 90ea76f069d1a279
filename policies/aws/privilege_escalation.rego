# METADATA
# title: No principal can escalate its own privileges
# description: |
#   A user or role that is not already a full admin but may rewrite IAM
#   (its own or someone else's policies, credentials or trust) or hand a
#   more privileged role to compute it controls can make itself admin.
#   Judged on effective permissions: a user's own and its groups' attached
#   and inline policies, with wildcards (iam:*, iam:Put*, *; case-
#   insensitive) and NotAction resolved. Patterns (every action of a row
#   must be granted):
#
#   | pattern                   | actions                                                   | Resource must cover |
#   |---------------------------|-----------------------------------------------------------|---------------------|
#   | create-policy-version     | iam:CreatePolicyVersion                                   | any policy          |
#   | set-default-policy-version| iam:SetDefaultPolicyVersion                               | any policy          |
#   | attach-user-policy        | iam:AttachUserPolicy                                      | any user            |
#   | attach-group-policy       | iam:AttachGroupPolicy                                     | any group           |
#   | attach-role-policy        | iam:AttachRolePolicy                                      | any role            |
#   | put-user-policy           | iam:PutUserPolicy                                         | any user            |
#   | put-group-policy          | iam:PutGroupPolicy                                        | any group           |
#   | put-role-policy           | iam:PutRolePolicy                                         | any role            |
#   | create-access-key         | iam:CreateAccessKey                                       | any user            |
#   | create-login-profile      | iam:CreateLoginProfile                                    | any user            |
#   | update-login-profile      | iam:UpdateLoginProfile                                    | any user            |
#   | update-assume-role-policy | iam:UpdateAssumeRolePolicy                                | any role            |
#   | add-user-to-group         | iam:AddUserToGroup                                        | any group           |
#   | passrole-ec2              | iam:PassRole + ec2:RunInstances                           | any role (PassRole) |
#   | passrole-lambda           | iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction | any role (PassRole) |
#   | passrole-lambda-trigger   | iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping | any role (PassRole) |
#   | passrole-cloudformation   | iam:PassRole + cloudformation:CreateStack                 | any role (PassRole) |
#   | passrole-glue             | iam:PassRole + glue:CreateDevEndpoint                     | any role (PassRole) |
#   | assume-any-role           | sts:AssumeRole                                            | any role            |
#
#   "Covers any X" means the statement's Resource matches an arbitrary
#   X of the principal's account ("*", "arn:aws:iam::*:user/*",
#   "arn:aws:iam::111111111111:role/*", or a NotResource that does not
#   exclude it). Grants on named resources (user/${aws:username}, one
#   specific role) are not counted: self-service on one's own access keys
#   is not escalation, and judging a named target would need its own
#   privileges. The non-IAM half of a PassRole pair counts on any resource.
#   Conditions on an Allow do not remove it. An unconditional Deny of the
#   action on Resource "*" in the principal's own policies does.
#   Full admins are not evaluated here (no result): aws-admin-policy-
#   attached reports them. Groups are not evaluated: their members carry
#   the finding, with the group named in the evidence. Service-linked
#   roles (AWS-managed, immutable) are not evaluated.
# custom:
#   id: aws-privilege-escalation
#   severity: high
#   frameworks: {}
#   mitre: [T1098, T1098.003, T1078.004]
#   remediation: |
#     Remove the escalation grant or scope its Resource to the exact users, roles and policies the job needs,
#     e.g. aws iam delete-user-policy --user-name USER --policy-name POLICY, or publish a narrower
#     version: aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default
#     Use a permissions boundary on principals that must manage IAM.
#   escalation: CISO + Cloud team
#   requires: ["iam:GetAccountAuthorizationDetails"]
#   iac: Y
package rampart.aws.privilege_escalation

import data.rampart.lib.aws
import data.rampart.lib.aws.iam
import rego.v1

patterns := [
	{"id": "create-policy-version", "needs": [["iam:CreatePolicyVersion", "policy"]]},
	{"id": "set-default-policy-version", "needs": [["iam:SetDefaultPolicyVersion", "policy"]]},
	{"id": "attach-user-policy", "needs": [["iam:AttachUserPolicy", "user"]]},
	{"id": "attach-group-policy", "needs": [["iam:AttachGroupPolicy", "group"]]},
	{"id": "attach-role-policy", "needs": [["iam:AttachRolePolicy", "role"]]},
	{"id": "put-user-policy", "needs": [["iam:PutUserPolicy", "user"]]},
	{"id": "put-group-policy", "needs": [["iam:PutGroupPolicy", "group"]]},
	{"id": "put-role-policy", "needs": [["iam:PutRolePolicy", "role"]]},
	{"id": "create-access-key", "needs": [["iam:CreateAccessKey", "user"]]},
	{"id": "create-login-profile", "needs": [["iam:CreateLoginProfile", "user"]]},
	{"id": "update-login-profile", "needs": [["iam:UpdateLoginProfile", "user"]]},
	{"id": "update-assume-role-policy", "needs": [["iam:UpdateAssumeRolePolicy", "role"]]},
	{"id": "add-user-to-group", "needs": [["iam:AddUserToGroup", "group"]]},
	{"id": "passrole-ec2", "needs": [["iam:PassRole", "role"], ["ec2:RunInstances", ""]]},
	{"id": "passrole-lambda", "needs": [["iam:PassRole", "role"], ["lambda:CreateFunction", ""], ["lambda:InvokeFunction", ""]]},
	{"id": "passrole-lambda-trigger", "needs": [["iam:PassRole", "role"], ["lambda:CreateFunction", ""], ["lambda:CreateEventSourceMapping", ""]]},
	{"id": "passrole-cloudformation", "needs": [["iam:PassRole", "role"], ["cloudformation:CreateStack", ""]]},
	{"id": "passrole-glue", "needs": [["iam:PassRole", "role"], ["glue:CreateDevEndpoint", ""]]},
	{"id": "assume-any-role", "needs": [["sts:AssumeRole", "role"]]},
]

# probe is an IAM resource of the kind that no policy names on purpose: a
# Resource matching it matches arbitrary users, roles, groups or policies.
probe(account, kind) := sprintf("arn:%s:iam::%s:%s/rampart-probe/any-%s", [account.partition, account.account_id, kind, kind])

# granted lists the sources granting action (on any resource of kind, or
# on anything when kind is ""), unless a Deny removes it.
granted(account, entries, action, kind) := sources if {
	not iam.removed_by_deny(entries, action)
	sources := sort({e.source |
		some e in entries
		iam.allows_action(e.statement, action)
		covers(account, e.statement, kind)
	})
	count(sources) > 0
}

covers(_, _, "")

covers(account, s, kind) if {
	kind != ""
	iam.covers_resource(s, probe(account, kind))
}

# paths: the patterns whose every action is granted, with the sources.
paths(account, entries) := [{"pattern": p.id, "grants": grants} |
	some p in patterns
	grants := {need[0]: srcs |
		some need in p.needs
		srcs := granted(account, entries, need[0], need[1])
	}
	count(grants) == count(p.needs)
]

principals(account) := array.concat(
	[{"kind": "user", "type": "AWS::IAM::User", "p": u} | some u in account.users],
	[{"kind": "role", "type": "AWS::IAM::Role", "p": r} | some r in account.roles; not r.service_linked],
)

# decisions: each non-admin principal's escalation paths, computed once.
decisions contains {"account": {"account_id": account.account_id}, "x": x, "unknown": eff.unknown, "paths": paths(account, eff.statements)} if {
	some account in input.aws.accounts
	some x in principals(account)
	eff := iam.effective(account, x.p, x.kind)
	not iam.is_admin(eff.statements)
}

results contains r if {
	some d in decisions
	count(d.paths) > 0
	r := aws.result(
		"FAIL", d.account, "", d.x.p.arn, d.x.type,
		sprintf("%s can escalate to administrator through %s", [d.x.kind, concat(", ", [f.pattern | some f in d.paths])]),
		{"escalation_paths": d.paths, "unknown_policies": d.unknown},
	)
}

results contains r if {
	some d in decisions
	count(d.paths) == 0
	count(d.unknown) == 0
	r := aws.result("PASS", d.account, "", d.x.p.arn, d.x.type, sprintf("%s has no known privilege-escalation path", [d.x.kind]), {})
}

results contains r if {
	some d in decisions
	count(d.paths) == 0
	count(d.unknown) > 0
	r := aws.result(
		"ERROR", d.account, "", d.x.p.arn, d.x.type,
		sprintf("cannot tell whether the %s can escalate: %s", [d.x.kind, concat("; ", d.unknown)]),
		{"unknown_policies": d.unknown},
	)
}
