# METADATA
# title: IAM users get permissions only through groups
# description: |
#   A policy attached straight to a user escapes the group reviews that
#   keep access consistent, and AttachUserPolicy / PutUserPolicy is the
#   typical way an intruder grants itself more (pb-16 §1.1). FAIL when a
#   user has a managed policy attached or an inline policy embedded.
# custom:
#   id: aws-user-direct-policies
#   severity: low
#   frameworks:
#     cis-aws-foundations-3.0: ["1.15"]
#   mitre: [T1098]
#   remediation: |
#     Move the permissions to a group and add the user to it: aws iam add-user-to-group --user-name <user> --group-name <group>;
#     then aws iam detach-user-policy --user-name <user> --policy-arn <arn> and
#     aws iam delete-user-policy --user-name <user> --policy-name <name>.
#   escalation: Cloud team
#   requires: ["iam:GetAccountAuthorizationDetails", "iam:inline_policy", "iam:managed_policy_arns"]
#   iac: Y
package rampart.aws.user_direct_policies

import data.rampart.lib.aws
import rego.v1

type := "AWS::IAM::User"

direct(user) := {
	"attached_policies": [p.arn | some p in user.attached_policies],
	"inline_policies": [p.name | some p in user.inline_policies],
}

has_direct(user) if count(user.attached_policies) > 0

has_direct(user) if count(user.inline_policies) > 0

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	user.attached_policies != null
	user.inline_policies != null
	has_direct(user)
	d := direct(user)
	r := aws.result("FAIL", account, "", user.arn, type, sprintf("user %s has %d attached and %d inline policies of its own", [user.name, count(d.attached_policies), count(d.inline_policies)]), d)
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	user.attached_policies != null
	user.inline_policies != null
	not has_direct(user)
	r := aws.result("PASS", account, "", user.arn, type, sprintf("user %s gets its permissions through groups only", [user.name]), direct(user))
}
