# METADATA
# title: IAM users with console access have MFA
# description: A user policy whose own tests partly fail, for `rampart policy test`.
# custom:
#   id: custom-console-mfa
#   severity: medium
#   provider: aws
#   requires: ["iam:GetAccountAuthorizationDetails"]
package custom.console_mfa

import rego.v1

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	user.password_enabled
	r := {
		"status": status(user), "account": account.account_id, "resource": user.arn,
		"resource_type": "AWS::IAM::User", "message": sprintf("user %s console MFA", [user.name]),
	}
}

status(user) := "PASS" if user.mfa_active

status(user) := "FAIL" if not user.mfa_active
