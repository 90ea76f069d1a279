# METADATA
# title: IAM users carry an owner tag
# description: Every IAM user names its owner, so a finding reaches someone.
# custom:
#   id: custom-user-owner-tag
#   severity: low
#   provider: aws
#   remediation: aws iam tag-user --user-name NAME --tags Key=owner,Value=TEAM
#   requires: ["iam:GetAccountAuthorizationDetails"]
package custom.user_owner_tag

import rego.v1

results contains r if {
	some account in input.aws.accounts
	some user in account.users
	r := {
		"status": status(user), "account": account.account_id, "resource": user.arn,
		"resource_type": "AWS::IAM::User", "message": sprintf("user %s owner tag", [user.name]),
	}
}

status(user) := "PASS" if user.tags.owner

status(user) := "FAIL" if not user.tags.owner
