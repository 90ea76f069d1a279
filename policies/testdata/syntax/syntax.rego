# METADATA
# title: Syntax
# custom:
#   id: custom-syntax
#   severity: low
#   provider: aws
package custom.syntax

import rego.v1

results contains r if {
	r := {"status": "FAIL",
}
