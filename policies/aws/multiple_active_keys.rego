# METADATA
# title: Users have at most one active access key
# description: |
#   Two active keys double what can leak, and "CreateAccessKey for a user
#   who already has keys" is how an intruder persists beside the owner's
#   key (compromise playbook). The second slot is meant only for the
#   minutes of a rotation. One result per user with an active key.
# custom:
#   id: aws-multiple-active-keys
#   severity: low
#   frameworks:
#     cis-aws-foundations-3.0: ["1.13"]
#   mitre: [T1098.001]
#   remediation: |
#     Find which key is in use (aws iam get-access-key-last-used --access-key-id <key-id>), then
#     deactivate the other: aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive.
#   escalation: Cloud team
#   requires: ["iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails"]
#   iac: N
package rampart.aws.multiple_active_keys

import rego.v1

type := "AWS::IAM::User"

# Results are object literals built without helper calls: this control
# emits one result per user, and each call costs OPA's evaluator several
# microseconds (policies/README.md, "Writing a fast control").
judged := [[account.account_id, user, slots] |
	some account in input.aws.accounts
	some user in account.users
	user.credential_report == true
	slots := [k.slot | some k in user.access_keys; k.active]
]

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		[r |
			some [account_id, user, slots] in judged
			count(slots) > 1
			r := {
				"status": "FAIL", "account": account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s has %d active access keys", [user.name, count(slots)]),
				"evidence": {"active_keys": count(slots), "slots": slots},
			}
		],
		[r |
			some [account_id, user, slots] in judged
			count(slots) == 1
			r := {
				"status": "PASS", "account": account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s has one active access key", [user.name]),
				"evidence": {"active_keys": 1, "slots": slots},
			}
		],
		[r |
			some account in input.aws.accounts
			some user in account.users
			not user.credential_report == true
			r := {
				"status": "ERROR", "account": account.account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s is missing from the credential report: access keys unknown", [user.name]),
				"evidence": {"credential_report": false},
			}
		],
	]
	some result in part
]
