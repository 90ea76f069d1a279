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

import data.rampart.lib.aws
import data.rampart.lib.aws.credentials as creds
import data.rampart.lib.time
import rego.v1

type := "AWS::IAM::User"

max_age := creds.thresholds.access_key_max_age_days

keys(user) := [{"slot": k.slot, "created": k.created, "age_days": age(k)} | some k in creds.active_keys(user)]

age(k) := time.days_since(k.created) if k.created != null

age(k) := null if k.created == null

old(user) := [k | some k in keys(user); k.age_days != null; k.age_days > max_age]

unknown(user) := [k | some k in keys(user); k.age_days == null]

evidence(user) := {"max_age_days": max_age, "active_keys": keys(user)}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	creds.in_report(user)
	count(old(user)) > 0
	r := aws.result("FAIL", account, "", user.arn, type, sprintf("user %s has an active access key %d days old", [user.name, max([k.age_days | some k in old(user)])]), evidence(user))
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	creds.in_report(user)
	count(keys(user)) > 0
	count(old(user)) == 0
	count(unknown(user)) > 0
	r := aws.result("ERROR", account, "", user.arn, type, sprintf("user %s has an active access key of unknown creation date", [user.name]), evidence(user))
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	creds.in_report(user)
	count(keys(user)) > 0
	count(old(user)) == 0
	count(unknown(user)) == 0
	r := aws.result("PASS", account, "", user.arn, type, sprintf("user %s's active access keys are at most %d days old", [user.name, max_age]), evidence(user))
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	not creds.in_report(user)
	r := aws.result("ERROR", account, "", user.arn, type, sprintf("user %s is missing from the credential report: access keys unknown", [user.name]), {"credential_report": false})
}
