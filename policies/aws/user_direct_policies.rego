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

import rego.v1

type := "AWS::IAM::User"

# Results are object literals built without helper calls: this control
# emits one result per user, and each call costs OPA's evaluator several
# microseconds (policies/README.md, "Writing a fast control").
judged := [[account.account_id, user, attached, inline] |
	some account in input.aws.accounts
	some user in account.users
	user.attached_policies != null
	user.inline_policies != null
	attached := [p.arn | some p in user.attached_policies]
	inline := [p.name | some p in user.inline_policies]
]

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		[r |
			some [account_id, user, attached, inline] in judged
			count(attached) + count(inline) > 0
			r := {
				"status": "FAIL", "account": account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s has %d attached and %d inline policies of its own", [user.name, count(attached), count(inline)]),
				"evidence": {"attached_policies": attached, "inline_policies": inline},
			}
		],
		[r |
			some [account_id, user, [], []] in judged
			r := {
				"status": "PASS", "account": account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s gets its permissions through groups only", [user.name]),
				"evidence": {"attached_policies": [], "inline_policies": []},
			}
		],
	]
	some result in part
]
