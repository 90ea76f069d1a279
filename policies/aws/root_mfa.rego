# METADATA
# title: Root user has MFA
# description: |
#   The root user can do anything in the account, including closing it and
#   changing its contact details; a stolen root password without MFA is a
#   full account takeover.
# custom:
#   id: aws-root-mfa
#   severity: critical
#   frameworks:
#     cis-aws-foundations-3.0: ["1.5"]
#   mitre: [T1078.004]
#   remediation: |
#     Sign in as root and enable MFA (IAM console > Security credentials > Assign MFA device),
#     preferably a hardware key. Check with: aws iam get-account-summary --query SummaryMap.AccountMFAEnabled
#   escalation: CISO + Cloud team
#   requires: ["iam:GetAccountSummary|iam:GetCredentialReport"]
#   iac: N
package rampart.aws.root_mfa

import data.rampart.lib.aws
import rego.v1

results contains r if {
	some account in input.aws.accounts
	account.root.mfa_active
	r := aws.result("PASS", account, "", account.root.arn, "AWS::IAM::RootUser", "root user has MFA", {"mfa_active": true})
}

results contains r if {
	some account in input.aws.accounts
	not account.root.mfa_active
	account.root != null
	r := aws.result("FAIL", account, "", account.root.arn, "AWS::IAM::RootUser", "root user has no MFA device", {"mfa_active": false})
}

# No root user in the snapshot: ERROR, not silence.
results contains r if {
	some account in input.aws.accounts
	object.get(account, "root", null) == null
	r := aws.root_unknown(account, "AWS::IAM::RootUser")
}
