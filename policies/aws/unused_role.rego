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
import data.rampart.lib.time
import rego.v1

type := "AWS::IAM::Role"

limit := data.rampart.config.thresholds.unused_role_days

service_linked(role) if role.service_linked

service_linked(role) if startswith(role.path, "/aws-service-role/")

# judged lists, once, every role this control decides on with its age
# and days since last use (null when never used): each date is parsed
# once per role, not once per rule that reads it.
judged := [[account, role, age, use] |
	some account in input.aws.accounts
	some role in account.roles
	not service_linked(role)
	role.created != null
	role.last_used != null
	age := time.days_since(role.created)
	use := days_since_use(role)
]

evidence(role, age, use) := {
	"threshold_days": limit,
	"created": role.created,
	"age_days": age,
	"last_used": role.last_used.date,
	"days_since_last_use": use,
}

days_since_use(role) := time.days_since(role.last_used.date) if role.last_used.date != null

days_since_use(role) := null if is_null(role.last_used.date)

idle(use) if is_null(use)

idle(use) if {
	use != null
	use >= limit
}

results contains r if {
	some [account, role, age, use] in judged
	age < limit
	r := aws.result("PASS", account, "", role.arn, type, sprintf("role %s is younger than %d days", [role.name, limit]), evidence(role, age, use))
}

results contains r if {
	some [account, role, age, use] in judged
	age >= limit
	idle(use)
	r := aws.result("FAIL", account, "", role.arn, type, message(role, age, use), evidence(role, age, use))
}

results contains r if {
	some [account, role, age, use] in judged
	age >= limit
	not idle(use)
	r := aws.result("PASS", account, "", role.arn, type, sprintf("role %s was used %d day(s) ago", [role.name, use]), evidence(role, age, use))
}

# Without a creation date or a last-use record the role cannot be judged.
results contains r if {
	some account in input.aws.accounts
	some role in account.roles
	not service_linked(role)
	unknown_dates(role)
	r := aws.result("ERROR", account, "", role.arn, type, sprintf("role %s: creation date or last use not collected", [role.name]), {"created": role.created, "last_used": role.last_used})
}

unknown_dates(role) if is_null(role.created)

unknown_dates(role) if is_null(role.last_used)

message(role, age, use) := sprintf("role %s has no recorded use in its %d days (IAM records the last 400 days)", [role.name, age]) if is_null(use)

message(role, age, use) := sprintf("role %s was last used %d days ago", [role.name, use]) if use != null
