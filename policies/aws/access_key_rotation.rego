# METADATA
# title: Active access keys are rotated
# description: |
#   The older a key, the more places it has been copied to (laptops, CI
#   variables, scripts) and the longer a leaked copy stays useful. One
#   result per user holding an active key: FAIL when any active key is
#   older than thresholds.access_key_max_age_days whole days.
# custom:
#   id: aws-access-key-rotation
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["1.14"]
#   mitre: [T1078.004, T1098.001]
#   remediation: |
#     Create a new key, move its users to it, then deactivate and delete the old one:
#     aws iam create-access-key --user-name <user>;
#     aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive;
#     aws iam delete-access-key --user-name <user> --access-key-id <old-key-id>.
#     Better, replace the key with a role and short-term STS credentials.
#   escalation: Cloud team
#   requires: ["iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails"]
#   iac: N
package rampart.aws.access_key_rotation

import data.rampart.lib.aws.credentials as creds
import data.rampart.lib.time as clock
import rego.v1

type := "AWS::IAM::User"

max_age := creds.thresholds.access_key_max_age_days

# Results are object literals built without helper calls: this control
# emits one result per user, and each call costs OPA's evaluator several
# microseconds (policies/README.md, "Writing a fast control").
judged := [[account.account_id, user, keys, old, unknown] |
	some account in input.aws.accounts
	some user in account.users
	user.credential_report == true
	keys := [{"slot": k.slot, "created": k.created, "age_days": clock.days_or_null(k.created)} | some k in user.access_keys; k.active]
	old := [k.age_days | some k in keys; k.age_days != null; k.age_days > max_age]
	unknown := [k | some k in keys; k.age_days == null]
]

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		# One scan of judged: verdict decides on the lists alone, which repeat from
		# user to user (OPA memoizes the call), and words the message after the
		# user's name.
		[r |
			some [account_id, user, keys, old, unknown] in judged
			count(keys) > 0
			[status, rest] := verdict(old, unknown)
			r := {
				"status": status, "account": account_id, "resource": user.arn, "resource_type": type,
				"message": concat("", ["user ", user.name, rest]),
				"evidence": {"max_age_days": max_age, "active_keys": keys},
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

verdict(old, unknown) := ["FAIL", sprintf(" has an active access key %d days old", [max(old)])] if {
	count(old) > 0
} else := ["ERROR", " has an active access key of unknown creation date"] if {
	count(unknown) > 0
} else := ["PASS", sprintf("'s active access keys are at most %d days old", [max_age])]
