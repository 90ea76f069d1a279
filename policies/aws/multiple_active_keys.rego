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

import data.rampart.lib.aws
import data.rampart.lib.aws.credentials as creds
import rego.v1

type := "AWS::IAM::User"

evidence(user) := {"active_keys": count(creds.active_keys(user)), "slots": [k.slot | some k in creds.active_keys(user)]}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	creds.in_report(user)
	count(creds.active_keys(user)) > 1
	r := aws.result("FAIL", account, "", user.arn, type, sprintf("user %s has %d active access keys", [user.name, count(creds.active_keys(user))]), evidence(user))
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	creds.in_report(user)
	count(creds.active_keys(user)) == 1
	r := aws.result("PASS", account, "", user.arn, type, sprintf("user %s has one active access key", [user.name]), evidence(user))
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	not creds.in_report(user)
	r := aws.result("ERROR", account, "", user.arn, type, sprintf("user %s is missing from the credential report: access keys unknown", [user.name]), {"credential_report": false})
}
