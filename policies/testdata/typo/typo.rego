# METADATA
# title: Typo
# custom:
#   id: custom-typo
#   severity: low
#   provider: aws
package custom.typo

import rego.v1

results contains r if {
	some account in input.aws.acounts
	r := {"status": "FAIL", "resource": account.account_id, "message": "x"}
}
