# METADATA
# title: Account password policy requires long, non-reused passwords
# description: |
#   Console passwords of IAM users are the target of guessing and
#   credential stuffing; length and no reuse are what CIS asks for.
#   FAIL when the account has no password policy, when its minimum length
#   is below thresholds.password_min_length (14) or when it remembers fewer
#   than thresholds.password_reuse_prevention (24) previous passwords.
#   A password policy that could not be read is ERROR through the
#   collection errors, never "no policy".
# custom:
#   id: aws-password-policy
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["1.8", "1.9"]
#   mitre: [T1078.004]
#   remediation: |
#     aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24
#     --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters
#     --allow-users-to-change-password
#   escalation: Cloud team
#   requires: ["iam:GetAccountPasswordPolicy", "iam:minimum_password_length", "iam:password_reuse_prevention"]
#   iac: Y
package rampart.aws.password_policy

import data.rampart.lib.aws
import rego.v1

type := "AWS::IAM::AccountPasswordPolicy"

min_length := data.rampart.config.thresholds.password_min_length

min_reuse := data.rampart.config.thresholds.password_reuse_prevention

problems(p) := array.concat(
	[sprintf("minimum length %d is below %d", [p.minimum_length, min_length]) | p.minimum_length < min_length],
	[sprintf("remembers %d previous passwords, fewer than %d", [p.password_reuse_prevention, min_reuse]) | p.password_reuse_prevention < min_reuse],
)

evidence(p) := {
	"minimum_length": p.minimum_length,
	"password_reuse_prevention": p.password_reuse_prevention,
	"required_minimum_length": min_length,
	"required_reuse_prevention": min_reuse,
}

results contains r if {
	some account in input.aws.accounts
	is_null(account.password_policy)
	r := aws.result("FAIL", account, "", aws.account_arn(account), type, "account has no IAM password policy", {"password_policy": null})
}

# resource is what a result names: the block declaring the policy (a
# plan's aws_iam_account_password_policy address), else the account.
resource(account, p) := p.resource if {
	object.get(p, "resource", "") != ""
} else := aws.account_arn(account)

results contains r if {
	some account in input.aws.accounts
	p := account.password_policy
	p != null
	count(problems(p)) > 0
	r := aws.result("FAIL", account, "", resource(account, p), type, sprintf("password policy is weak: %s", [concat("; ", problems(p))]), evidence(p))
}

results contains r if {
	some account in input.aws.accounts
	p := account.password_policy
	p != null
	count(problems(p)) == 0
	r := aws.result("PASS", account, "", resource(account, p), type, sprintf("password policy requires %d+ characters and remembers %d passwords", [p.minimum_length, p.password_reuse_prevention]), evidence(p))
}
