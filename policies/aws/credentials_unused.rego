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

import data.rampart.lib.aws
import data.rampart.lib.aws.credentials as creds
import data.rampart.lib.time
import rego.v1

type := "AWS::IAM::User"

limit := creds.thresholds.credentials_unused_days

# credentials lists a user's usable credentials with the days since each
# was last used (or, never used, created); days is null when neither date
# is known.
credentials(user) := array.concat(password(user), keys(user))

password(user) := [{"credential": "password", "last_used": user.password_last_used, "days_unused": password_days(user)} | user.password_enabled]

keys(user) := [{"credential": sprintf("access_key_%d", [k.slot]), "last_used": k.last_used, "days_unused": key_days(k)} |
	some k in creds.active_keys(user)
]

# password_days and key_days are null when no reference time is known.
password_days(user) := time.days_since(creds.password_reference(user))

default password_days(_) := null

key_days(k) := time.days_since(creds.reference_time(k.last_used, k.created))

default key_days(_) := null

# judged lists, once, every user in the credential report with its
# credentials, the unused ones and those of unknown use: each date is
# parsed once per user, not once per rule that reads it.
judged := [[account, user, cs, unused, unknown] |
	some account in input.aws.accounts
	some user in account.users
	creds.in_report(user)
	cs := credentials(user)
	unused := [c | some c in cs; c.days_unused != null; c.days_unused >= limit]
	unknown := [c | some c in cs; c.days_unused == null]
]

evidence(cs) := {"threshold_days": limit, "credentials": cs}

results contains r if {
	some [account, user, cs, unused, _] in judged
	count(unused) > 0
	r := aws.result("FAIL", account, "", user.arn, type, sprintf("user %s has %s unused for %d days or more", [user.name, concat(", ", [c.credential | some c in unused]), limit]), evidence(cs))
}

results contains r if {
	some [account, user, cs, unused, unknown] in judged
	count(cs) > 0
	count(unused) == 0
	count(unknown) > 0
	r := aws.result("ERROR", account, "", user.arn, type, sprintf("user %s has a credential whose last use and creation are unknown", [user.name]), evidence(cs))
}

results contains r if {
	some [account, user, cs, unused, unknown] in judged
	count(cs) > 0
	count(unused) == 0
	count(unknown) == 0
	r := aws.result("PASS", account, "", user.arn, type, sprintf("user %s used every active credential in the last %d days", [user.name, limit]), evidence(cs))
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	not creds.in_report(user)
	r := aws.result("ERROR", account, "", user.arn, type, sprintf("user %s is missing from the credential report: credential use unknown", [user.name]), {"credential_report": false})
}
