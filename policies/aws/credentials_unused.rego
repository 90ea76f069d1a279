# METADATA
# title: No active credential unused for 45 days or more
# description: |
#   A password or key nobody uses is a credential nobody would notice being
#   used by someone else. For each IAM user with an active credential:
#   FAIL when an enabled console password or an active access key has not
#   been used for thresholds.credentials_unused_days whole days or more.
#   A credential never used counts from its creation (a key's creation
#   date; for a password, when it was last set, else the user's creation),
#   so a brand-new key is not unused and a 100-day-old never-used one is.
# custom:
#   id: aws-credentials-unused
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["1.12"]
#   mitre: [T1078.004]
#   remediation: |
#     Disable what is not used: aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive
#     for keys, aws iam delete-login-profile --user-name <user> for console passwords.
#   escalation: Cloud team
#   requires: ["iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails"]
#   iac: N
package rampart.aws.credentials_unused

import data.rampart.lib.aws.credentials as creds
import data.rampart.lib.time as clock
import rego.v1

type := "AWS::IAM::User"

limit := creds.thresholds.credentials_unused_days

# credentials lists a user's usable credentials with the days since each
# was last used (or, never used, created); days is null when neither date
# is known.
# Results are object literals built without helper calls: this control
# emits one result per user, and each call costs OPA's evaluator several
# microseconds (policies/README.md, "Writing a fast control").
judged := [[account.account_id, user, cs, unused, unknown] |
	some account in input.aws.accounts
	some user in account.users
	user.credential_report == true
	cs := array.concat(
		[{"credential": "password", "last_used": user.password_last_used, "days_unused": clock.days_or_null(creds.password_reference(user))} | user.password_enabled],
		[{"credential": sprintf("access_key_%d", [k.slot]), "last_used": k.last_used, "days_unused": clock.days_or_null(creds.reference_time(k.last_used, k.created))} |
			some k in user.access_keys
			k.active
		],
	)
	unused := [c.credential | some c in cs; c.days_unused != null; c.days_unused >= limit]
	unknown := [c | some c in cs; c.days_unused == null]
]

# results is a list, not a set: this control emits one result per
# principal (policies/README.md, "Writing a fast control").
results := [result |
	some part in [
		# One scan of judged: verdict decides on the lists alone, which repeat from
		# user to user (OPA memoizes the call), and words the message after the
		# user's name.
		[r |
			some [account_id, user, cs, unused, unknown] in judged
			count(cs) > 0
			[status, rest] := verdict(unused, unknown)
			r := {
				"status": status, "account": account_id, "resource": user.arn, "resource_type": type,
				"message": concat("", ["user ", user.name, rest]),
				"evidence": {"threshold_days": limit, "credentials": cs},
			}
		],
		[r |
			some account in input.aws.accounts
			some user in account.users
			not user.credential_report == true
			r := {
				"status": "ERROR", "account": account.account_id, "resource": user.arn, "resource_type": type,
				"message": sprintf("user %s is missing from the credential report: credential use unknown", [user.name]),
				"evidence": {"credential_report": false},
			}
		],
	]
	some result in part
]

verdict(unused, unknown) := ["FAIL", sprintf(" has %s unused for %d days or more", [concat(", ", unused), limit])] if {
	count(unused) > 0
} else := ["ERROR", " has a credential whose last use and creation are unknown"] if {
	count(unknown) > 0
} else := ["PASS", sprintf(" used every active credential in the last %d days", [limit])]
