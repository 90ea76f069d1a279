# METADATA
# title: IAM users have no active access keys
# description: |
#   Stolen long-lived API keys are the most common way into AWS (compromise
#   playbook); roles with short-term STS credentials (instance profiles,
#   OIDC federation for CI, Identity Center for people) leave nothing to
#   steal. FAIL for every user with an active access key, however fresh;
#   PASS for users without one. Users missing from the credential report
#   are ERROR, unless an active key is known all the same (one a
#   Terraform plan creates): that key FAILs.
# custom:
#   id: aws-long-lived-access-keys
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004, T1098.001]
#   remediation: |
#     Replace the key with a role: an instance profile or task role for workloads on AWS, an OIDC
#     trust (e.g. token.actions.githubusercontent.com) for CI, IAM Identity Center for people. Then
#     aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive and
#     aws iam delete-access-key --user-name <user> --access-key-id <key-id>.
#   escalation: Cloud team
#   requires: ["iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails"]
#   iac: Y
package rampart.aws.long_lived_access_keys

import rego.v1

type := "AWS::IAM::User"

# Results are object literals built without helper calls: this control
# emits one result per user, and each call costs OPA's evaluator several
# microseconds (policies/README.md, "Writing a fast control").
# judged pairs every user with its known active keys. A key is known
# without the credential report too: a Terraform plan that creates one
# for a user it does not manage proves that key, not the user's others.
judged := [[account.account_id, user, keys] |
	some account in input.aws.accounts
	some user in account.users
	keys := [k | some k in object.get(user, "access_keys", []); k.active]
]

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		[r |
			some [account_id, user, keys] in judged
			count(keys) > 0
			r := {
				"status": "FAIL", "account": account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s has %d active long-lived access key(s)", [user.name, count(keys)]),
				"evidence": {"active_keys": [{"slot": k.slot, "created": k.created, "last_used": k.last_used} | some k in keys]},
			}
		],
		[r |
			some [account_id, user, []] in judged
			user.credential_report == true
			r := {
				"status": "PASS", "account": account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s has no active access key", [user.name]),
				"evidence": {"active_keys": []},
			}
		],
		[r |
			some [account_id, user, []] in judged
			not user.credential_report == true
			r := {
				"status": "ERROR", "account": account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s is missing from the credential report: access keys unknown", [user.name]),
				"evidence": {"credential_report": false},
			}
		],
	]
	some result in part
]
