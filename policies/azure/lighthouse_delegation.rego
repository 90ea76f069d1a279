# METADATA
# title: Azure Lighthouse delegates only to trusted tenants
# description: |
#   A Lighthouse delegation lets principals of another tenant act in this
#   subscription with the roles it grants: the Azure form of cross-account
#   role chaining in the compromise playbook. Each delegation of a
#   subscription (or a resource group in it) to a managing tenant that is not
#   in azure.trusted_tenants fails; delegations to trusted tenants pass.
# custom:
#   id: azure-lighthouse-delegation
#   severity: high
#   frameworks: {}
#   mitre: [T1199, T1078.004]
#   remediation: |
#     Remove the delegation if it is not intended:
#     az managedservices assignment delete --assignment <assignment-id> --subscription <id>
#     or add the managing tenant to azure.trusted_tenants in the rampart configuration if it is.
#   escalation: CISO + Cloud architecture
#   requires: ["managedservices:ListRegistrationAssignments"]
#   iac: Y
package rampart.azure.lighthouse_delegation

import data.rampart.lib.azure
import rego.v1

type := "Microsoft.ManagedServices/registrationAssignments"

trusted(a) if lower(a.managed_by_tenant_id) in azure.trusted_tenants

evidence(a) := {
	"managed_by_tenant_id": a.managed_by_tenant_id,
	"managed_by_tenant_name": object.get(a, "managed_by_tenant_name", ""),
	"definition": object.get(a, "definition_name", ""),
	"authorizations": a.authorizations,
	"eligible_authorizations": a.eligible_authorizations,
	"scope": a.scope,
}

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	some a in sub.lighthouse_assignments
	not trusted(a)
	r := azure.result("FAIL", sub.subscription_id, a.id, type, sprintf("%s is delegated to tenant %s (%s), which is not in azure.trusted_tenants", [a.scope, a.managed_by_tenant_id, object.get(a, "managed_by_tenant_name", "")]), evidence(a))
}

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	some a in sub.lighthouse_assignments
	trusted(a)
	r := azure.result("PASS", sub.subscription_id, a.id, type, sprintf("%s is delegated to trusted tenant %s", [a.scope, a.managed_by_tenant_id]), evidence(a))
}
