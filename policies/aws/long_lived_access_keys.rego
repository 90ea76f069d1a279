# METADATA
# title: IAM users have no active access keys
# description: |
#   Stolen long-lived API keys are the most common way into AWS (compromise
#   playbook); roles with short-term STS credentials (instance profiles,
#   OIDC federation for CI, Identity Center for people) leave nothing to
#   steal. FAIL for every user with an active access key, however fresh;
#   PASS for users without one. Users missing from the credential report
#   are ERROR.
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

import data.rampart.lib.aws
import data.rampart.lib.aws.credentials as creds
import rego.v1

type := "AWS::IAM::User"

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	creds.in_report(user)
	keys := creds.active_keys(user)
	count(keys) > 0
	r := aws.result("FAIL", account, "", user.arn, type, sprintf("user %s has %d active long-lived access key(s)", [user.name, count(keys)]), {"active_keys": [{"slot": k.slot, "created": k.created, "last_used": k.last_used} | some k in keys]})
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	creds.in_report(user)
	count(creds.active_keys(user)) == 0
	r := aws.result("PASS", account, "", user.arn, type, sprintf("user %s has no active access key", [user.name]), {"active_keys": []})
}

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	not creds.in_report(user)
	r := aws.result("ERROR", account, "", user.arn, type, sprintf("user %s is missing from the credential report: access keys unknown", [user.name]), {"credential_report": false})
}
