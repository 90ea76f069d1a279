# METADATA
# title: Root user has no active access key
# description: |
#   A root access key is a long-lived credential with every permission in
#   the account and no way to restrict it by policy; stolen, it is a full
#   account takeover that no SCP in the account can stop. Decided from the
#   credential report's key slots, or from the account summary's
#   AccountAccessKeysPresent when the report was not available.
# custom:
#   id: aws-root-access-keys
#   severity: critical
#   frameworks:
#     cis-aws-foundations-3.0: ["1.4"]
#   mitre: [T1078.004, T1098.001]
#   remediation: |
#     Sign in as root and delete the access keys (IAM console > Security credentials > Access keys).
#     Check with: aws iam get-account-summary --query SummaryMap.AccountAccessKeysPresent (must be 0).
#   escalation: CISO + Cloud team
#   requires: ["iam:GetAccountSummary|iam:GetCredentialReport"]
#   iac: N
package rampart.aws.root_access_keys

import data.rampart.lib.aws
import data.rampart.lib.aws.credentials as creds
import rego.v1

type := "AWS::IAM::RootUser"

# active is the number of active root keys the snapshot knows of: the
# credential report's slots when collected, else the account summary's
# count. The larger wins, so the two sources never hide each other.
active(root) := max([count(creds.active_keys(root)), root.active_access_keys]) if root.access_keys != null

active(root) := root.active_access_keys if root.access_keys == null

evidence(root) := {
	"active_access_keys": active(root),
	"source": source(root),
}

source(root) := "credential report" if root.access_keys != null

source(root) := "account summary" if root.access_keys == null

results contains r if {
	some account in input.aws.accounts
	root := account.root
	root != null
	active(root) > 0
	r := aws.result("FAIL", account, "", root.arn, type, sprintf("root user has %d active access key(s)", [active(root)]), evidence(root))
}

results contains r if {
	some account in input.aws.accounts
	root := account.root
	root != null
	active(root) == 0
	r := aws.result("PASS", account, "", root.arn, type, "root user has no active access key", evidence(root))
}

# No root user in the snapshot: ERROR, not silence.
results contains r if {
	some account in input.aws.accounts
	object.get(account, "root", null) == null
	r := aws.root_unknown(account, type)
}
