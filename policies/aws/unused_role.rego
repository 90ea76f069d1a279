# METADATA
# title: Roles are used or removed
# description: |
#   A role nobody assumes still carries its permissions and its trust
#   policy: an idle door an intruder can use unnoticed (pb-16 "Unused for
#   90 days" → remove). FAIL when a role at least
#   thresholds.unused_role_days whole days old was last used that many
#   days ago or more, or never (IAM's RoleLastUsed). Service-linked roles
#   (service_linked, or path /aws-service-role/) are managed by AWS, cannot
#   be deleted while their service uses them, and get no result at all.
#   A role younger than the threshold passes.
# custom:
#   id: aws-unused-role
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Confirm with the owner that the role is no longer needed, then detach its policies and delete it:
#     aws iam list-attached-role-policies --role-name <role>; aws iam detach-role-policy --role-name <role> --policy-arn <arn>;
#     aws iam delete-role --role-name <role>. Last use: aws iam get-role --role-name <role> --query Role.RoleLastUsed
#   escalation: Cloud team
#   requires: ["iam:GetAccountAuthorizationDetails"]
#   iac: N
package rampart.aws.unused_role

import data.rampart.lib.aws
import data.rampart.lib.time as clock
import rego.v1

type := "AWS::IAM::Role"

limit := data.rampart.config.thresholds.unused_role_days

# judged lists, once, every role this control decides on with its age
# and days since last use (null when never used): each date is looked
# up once per role. Service-linked roles are skipped by flag or by path.
# Results are object literals, without helper calls: one result per role,
# and each call costs OPA's evaluator microseconds (policies/README.md).
judged := [[account.account_id, role, age, use] |
	some account in input.aws.accounts
	some role in account.roles
	not role.service_linked
	not startswith(role.path, "/aws-service-role/")
	role.created != null
	role.last_used != null
	age := clock.days_since(role.created)
	use := clock.days_or_null(role.last_used.date)
]

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		# One scan of judged: verdict picks the status and the message's form from
		# the two day counts alone, which repeat from role to role (OPA memoizes
		# the call).
		[r |
			some [account_id, role, age, use] in judged
			[status, form, days] := verdict(age, use)
			r := {
				"status": status, "account": account_id, "resource": role.arn, "resource_type": type,
				"message": sprintf(form, [role.name, days]),
				"evidence": {"threshold_days": limit, "created": role.created, "age_days": age, "last_used": role.last_used.date, "days_since_last_use": use},
			}
		],
		# Without a creation date or a last-use record the role cannot be judged
		# (one comprehension per missing field: the engine keeps one result
		# when both are).
		[unknown_dates(account, role) |
			some account in input.aws.accounts
			some role in account.roles
			is_null(role.created)
			not role.service_linked
			not startswith(role.path, "/aws-service-role/")
		],
		[unknown_dates(account, role) |
			some account in input.aws.accounts
			some role in account.roles
			is_null(role.last_used)
			not role.service_linked
			not startswith(role.path, "/aws-service-role/")
		],
	]
	some result in part
]

verdict(age, use) := ["PASS", "role %s is younger than %d days", limit] if {
	age < limit
} else := ["FAIL", "role %s has no recorded use in its %d days (IAM records the last 400 days)", age] if {
	use == null
} else := ["FAIL", "role %s was last used %d days ago", use] if {
	use >= limit
} else := ["PASS", "role %s was used %d day(s) ago", use]

unknown_dates(account, role) := aws.result("ERROR", account, "", role.arn, type, sprintf("role %s: creation date or last use not collected", [role.name]), {"created": role.created, "last_used": role.last_used})
