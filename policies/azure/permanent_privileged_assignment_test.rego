package rampart.azure.permanent_privileged_assignment_test

import data.rampart.azure.permanent_privileged_assignment as ppa
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

ga_assignment := f.dir_assignment("ra1", f.user_id("ga"), "user", f.ga)

status(t) := r.status if {
	some r in ppa.results with input as f.world([t])
}

test_fails_permanent_direct_global_admin if {
	t := f.tenant({"users": [f.user("ga", {})], "directory_role_assignments": [ga_assignment], "directory_role_assignment_schedules": [f.dir_schedule("s1", f.user_id("ga"), "user", f.ga, "Assigned", null)]})
	status(t) == "FAIL"
}

# An admin assigned directly, with no PIM instance at all, is still seen.
test_fails_admin_missing_from_pim if {
	t := f.tenant({"users": [f.user("ga", {})], "directory_role_assignments": [ga_assignment]})
	status(t) == "FAIL"
}

test_passes_pim_activation if {
	t := f.tenant({"users": [f.user("ga", {})], "directory_role_assignments": [ga_assignment], "directory_role_assignment_schedules": [f.dir_schedule("s1", f.user_id("ga"), "user", f.ga, "Activated", "2025-06-01T02:00:00Z")]})
	status(t) == "PASS"
}

test_passes_time_bound_assignment if {
	t := f.tenant({"users": [f.user("ga", {})], "directory_role_assignments": [ga_assignment], "directory_role_assignment_schedules": [f.dir_schedule("s1", f.user_id("ga"), "user", f.ga, "Assigned", "2025-07-01T00:00:00Z")]})
	status(t) == "PASS"
}

test_passes_eligible if {
	t := f.tenant({"users": [f.user("ga", {})], "directory_role_eligibilities": [f.dir_schedule("e1", f.user_id("ga"), "user", f.ga, "", null)]})
	status(t) == "PASS"
}

test_error_when_schedules_unknown_with_p2 if {
	t := f.tenant({"users": [f.user("ga", {})], "directory_role_assignments": [ga_assignment], "directory_role_assignment_schedules": null})
	status(t) == "ERROR"
}

test_fails_without_p2 if {
	t := f.tenant({"users": [f.user("ga", {})], "directory_role_assignments": [ga_assignment], "directory_role_assignment_schedules": null, "licences": {"entra_id_p1": true, "entra_id_p2": false, "skus": []}})
	status(t) == "FAIL"
}

test_fails_permanent_subscription_owner if {
	t := f.tenant({"subscriptions": [f.subscription({"role_assignments": [f.rbac_assignment("a1", f.user_id("o"), "user", f.owner_def)]})]})
	some r in ppa.results with input as f.world([t])
	r.status == "FAIL"
	r.account == f.sub_id
}

test_contributor_not_judged if {
	t := f.tenant({"subscriptions": [f.subscription({"role_assignments": [f.rbac_assignment("a1", f.user_id("o"), "user", f.contributor_def)]})]})
	count(ppa.results) == 0 with input as f.world([t])
}

test_other_directory_roles_not_judged if {
	t := f.tenant({"directory_role_assignments": [f.dir_assignment("ra1", f.user_id("x"), "user", f.pra)]})
	count(ppa.results) == 0 with input as f.world([t])
}
