# METADATA
# title: A control with a severity rampart does not know
# custom:
#   id: custom-bad-severity
#   severity: urgent
#   provider: aws
package custom.bad_severity

import rego.v1

results contains r if {
	some account in input.aws.accounts
	r := {"status": "PASS", "account": account.account_id, "resource": account.account_id, "message": "ok"}
}
