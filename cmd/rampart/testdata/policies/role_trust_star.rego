# METADATA
# title: Test control - role trust policy names "*"
# description: |
#   A stand-in control for the CLI tests of plans, waivers and baselines,
#   independent of the built-in catalogue.
# custom:
#   id: aws-test-role-trust-star
#   severity: high
#   remediation: Name the principals that may assume the role.
#   requires: ["iam"]
#   iac: Y
package rampart.test.role_trust_star

import rego.v1

results contains r if {
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
	star(role.trust_policy)
	r := result("FAIL", account, role, "trust policy lets in any principal")
}

results contains r if {
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
	not star(role.trust_policy)
	r := result("PASS", account, role, "trust policy names its principals")
}

results contains r if {
	some account in input.aws.accounts
	some role in account.roles
	not is_object(role.trust_policy)
	r := result("ERROR", account, role, sprintf("trust policy not usable: %s", [object.get(role, "trust_policy_error", "")]))
}

star(doc) if {
	some s in doc.Statement
	s.Principal == "*"
}

result(status, account, role, msg) := {
	"status": status, "account": account.account_id, "region": "",
	"resource": role.arn, "resource_type": "AWS::IAM::Role", "message": msg,
}
