package rampart.azure.guest_privileged_test

import data.rampart.azure.guest_privileged as gp
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

guest := f.user("partner", {"user_type": "Guest", "user_principal_name": "partner_example.com#EXT#@example.onmicrosoft.com"})

status(t) := r.status if {
	some r in gp.results with input as f.world([t])
}

test_fails_guest_global_admin if {
	status(f.tenant({"users": [guest], "directory_role_assignments": [f.dir_assignment("ra", guest.id, "user", f.ga)]})) == "FAIL"
}

test_fails_guest_contributor if {
	status(f.tenant({"users": [guest], "subscriptions": [f.subscription({"role_assignments": [f.rbac_assignment("a", guest.id, "user", f.contributor_def)]})]})) == "FAIL"
}

test_fails_guest_eligible_through_group if {
	t := f.tenant({
		"users": [guest],
		"groups": [{"id": "g", "display_name": "ops", "is_assignable_to_role": false, "members": [], "eligible_members": [{"principal_id": guest.id, "access_id": "member", "start": null, "end": null}]}],
		"subscriptions": [f.subscription({"role_assignments": [f.rbac_assignment("a", "g", "group", f.owner_def)]})],
	})
	status(t) == "FAIL"
}

test_passes_guest_without_roles if {
	status(f.tenant({"users": [guest]})) == "PASS"
}

test_member_not_judged if {
	count(gp.results) == 0 with input as f.world([f.tenant({"users": [f.user("m", {})], "directory_role_assignments": [f.dir_assignment("ra", f.user_id("m"), "user", f.ga)]})])
}

test_error_when_group_members_unknown if {
	t := f.tenant({"users": [guest], "groups": [{"id": "g", "display_name": "ops", "is_assignable_to_role": true, "members": null, "eligible_members": []}]})
	some r in gp.results with input as f.world([t])
	r.status == "ERROR"
}
