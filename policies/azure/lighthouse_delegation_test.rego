package rampart.azure.lighthouse_delegation_test

import data.rampart.azure.lighthouse_delegation as ld
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

msp := "33333333-3333-3333-3333-333333333333"

assignment := {"id": "/subscriptions/22222222-2222-2222-2222-222222222222/providers/Microsoft.ManagedServices/registrationAssignments/ra1", "scope": "/subscriptions/22222222-2222-2222-2222-222222222222", "registration_definition_id": "rd1", "definition_name": "MSP ops", "managed_by_tenant_id": msp, "managed_by_tenant_name": "Example MSP", "authorizations": [{"principal_id": "p", "role_definition_id": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"}], "eligible_authorizations": []}

world := f.world([f.tenant({"subscriptions": [f.subscription({"lighthouse_assignments": [assignment]})]})])

test_fails_untrusted_managing_tenant if {
	some r in ld.results with input as world
	r.status == "FAIL"
	r.evidence.managed_by_tenant_id == msp
}

test_passes_trusted_managing_tenant if {
	some r in ld.results with input as world with data.rampart.config.azure.trusted_tenants as [upper(msp)]
	r.status == "PASS"
}

test_no_result_without_delegations if {
	count(ld.results) == 0 with input as f.world([f.tenant({"subscriptions": [f.subscription({})]})])
}
