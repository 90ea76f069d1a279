package rampart.azure.global_admin_count_test

import data.rampart.azure.global_admin_count
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

names := ["a", "b", "c", "d", "e"]

# tenant_with has n active Global Administrators plus the given fields.
tenant_with(n, fields) := f.tenant(object.union({
	"users": [f.user(names[i], {}) | some i in numbers.range(0, n - 1)],
	"directory_role_assignments": [f.dir_assignment(sprintf("ra-%d", [i]), f.user_id(names[i]), "user", f.ga) | some i in numbers.range(0, n - 1)],
}, fields))

result(t) := r if {
	some r in global_admin_count.results with input as f.world([t])
}

test_fails_with_one if {
	result(tenant_with(1, {})).status == "FAIL"
}

test_passes_with_two if {
	result(tenant_with(2, {})).status == "PASS"
}

test_fails_with_five if {
	r := result(tenant_with(5, {}))
	r.status == "FAIL"
	r.evidence.count == 5
}

# Maester #143: an eligible Global Administrator counts.
test_eligible_counts if {
	t := tenant_with(1, {
		"users": [f.user("a", {}), f.user("pim", {})],
		"directory_role_eligibilities": [f.dir_schedule("el", f.user_id("pim"), "user", f.ga, "", null)],
	})
	result(t).status == "PASS"
}

test_group_members_count if {
	t := tenant_with(1, {
		"users": [f.user("a", {}), f.user("m", {})],
		"groups": [{"id": "g1", "display_name": "GA group", "is_assignable_to_role": true, "members": [{"id": f.user_id("m"), "type": "user"}], "eligible_members": []}],
		"directory_role_assignments": [f.dir_assignment("ra-0", f.user_id("a"), "user", f.ga), f.dir_assignment("ra-g", "g1", "group", f.ga)],
	})
	result(t).evidence.count == 2
}

test_disabled_not_counted if {
	t := tenant_with(2, {"users": [f.user("a", {}), f.user("b", {"account_enabled": false})]})
	result(t).status == "FAIL"
}

test_error_when_eligibilities_unknown if {
	result(tenant_with(2, {"directory_role_eligibilities": null})).status == "ERROR"
}

test_too_many_fails_even_when_eligibilities_unknown if {
	result(tenant_with(5, {"directory_role_eligibilities": null})).status == "FAIL"
}
