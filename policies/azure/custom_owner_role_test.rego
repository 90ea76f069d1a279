package rampart.azure.custom_owner_role_test

import data.rampart.azure.custom_owner_role as cor
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

role(actions, scopes) := {"id": "/subscriptions/22222222-2222-2222-2222-222222222222/providers/Microsoft.Authorization/roleDefinitions/r1", "name": "r1", "role_name": "Platform Admin", "type": "CustomRole", "actions": actions, "not_actions": [], "data_actions": [], "assignable_scopes": scopes}

status(r) := x.status if {
	some x in cor.results with input as f.world([f.tenant({"subscriptions": [f.subscription({"custom_roles": [r]})]})])
}

test_fails_star_at_subscription if {
	status(role(["*"], [sprintf("/subscriptions/%s", [f.sub_id])])) == "FAIL"
}

test_fails_star_at_management_group if {
	status(role(["*"], ["/providers/Microsoft.Management/managementGroups/root"])) == "FAIL"
}

test_fails_star_at_root if {
	status(role(["*"], ["/"])) == "FAIL"
}

test_passes_scoped_actions if {
	status(role(["Microsoft.Compute/*/read"], [sprintf("/subscriptions/%s", [f.sub_id])])) == "PASS"
}

test_passes_star_only_in_resource_group if {
	status(role(["*"], [sprintf("/subscriptions/%s/resourceGroups/sandbox", [f.sub_id])])) == "PASS"
}
