# METADATA
# description: |
#   The result builder every control uses, whatever its provider. A control
#   states only what it decided and on what; the engine adds the metadata
#   (title, severity, frameworks, ...) and checks the shape (status one of
#   FAIL, PASS, ERROR; resource and message present), so a misspelt status
#   is an evaluation error, never a result that silently disappears.
package rampart.lib.result

import rego.v1

# make builds a result. account is the id of the scope the resource lives
# in: an AWS account id, an Azure subscription or tenant id, a GCP project
# or organization id. region is "" for global resources.
make(status, account, region, resource, resource_type, message, evidence) := {
	"status": status,
	"account": account,
	"region": region,
	"resource": resource,
	"resource_type": resource_type,
	"message": message,
	"evidence": evidence,
}
