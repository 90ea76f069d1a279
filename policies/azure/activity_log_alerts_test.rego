package rampart.azure.activity_log_alerts_test

import data.rampart.azure.activity_log_alerts as ala
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

ops := [
	"Microsoft.Authorization/policyAssignments/write",
	"Microsoft.Authorization/roleAssignments/write",
	"Microsoft.Network/networkSecurityGroups/write",
	"Microsoft.Security/securitySolutions/write",
]

alert(op, enabled, scope) := {"id": sprintf("alert-%s", [op]), "name": op, "enabled": enabled, "scopes": [scope], "action_groups": ["ag"], "conditions": [{"field": "category", "equals": "Administrative"}, {"field": "operationName", "equals": op}]}

sub_scope := sprintf("/subscriptions/%s", [f.sub_id])

result(alerts) := r if {
	some r in ala.results with input as f.world([f.tenant({"subscriptions": [f.subscription({"activity_log_alerts": alerts})]})])
}

test_passes_all_watched if {
	result([alert(op, true, sub_scope) | some op in ops]).status == "PASS"
}

test_fails_none if {
	r := result([])
	r.status == "FAIL"
	count(r.evidence.missing) == 4
}

test_fails_disabled_alert if {
	result(array.concat([alert(ops[0], false, sub_scope)], [alert(op, true, sub_scope) | some op in array.slice(ops, 1, 4)])).status == "FAIL"
}

test_fails_alert_on_other_subscription if {
	result([alert(op, true, "/subscriptions/99999999-9999-9999-9999-999999999999") | some op in ops]).status == "FAIL"
}

test_any_of_conditions_count if {
	a := {"id": "one", "name": "all", "enabled": true, "scopes": [sub_scope], "action_groups": [], "conditions": [{"field": "category", "equals": "Administrative"}, {"any_of": [{"field": "operationName", "equals": op} | some op in ops]}]}
	result([a]).status == "PASS"
}

test_case_insensitive if {
	result([alert(lower(op), true, sub_scope) | some op in ops]).status == "PASS"
}
