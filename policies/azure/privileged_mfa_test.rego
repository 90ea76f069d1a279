package rampart.azure.privileged_mfa_test

import data.rampart.azure.privileged_mfa
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

unregistered := {"is_mfa_registered": false, "is_mfa_capable": false, "methods": [], "is_admin": true}

results(t) := rs if {
	rs := privileged_mfa.results with input as f.world([t])
}

status(t, name) := r.status if {
	some r in results(t)
	endswith(r.resource, sprintf("/users/%s", [f.user_id(name)]))
}

test_fails_active_global_admin_without_mfa if {
	t := f.tenant({
		"users": [f.user("ga", {"mfa": unregistered})],
		"directory_role_assignments": [f.dir_assignment("ra1", f.user_id("ga"), "user", f.ga)],
	})
	status(t, "ga") == "FAIL"
}

test_passes_global_admin_with_mfa if {
	t := f.tenant({
		"users": [f.user("ga", {})],
		"directory_role_assignments": [f.dir_assignment("ra1", f.user_id("ga"), "user", f.ga)],
	})
	status(t, "ga") == "PASS"
}

# Maester #143: eligible Global Admins are admins too.
test_fails_eligible_global_admin_without_mfa if {
	t := f.tenant({
		"users": [f.user("pim", {"mfa": unregistered})],
		"directory_role_eligibilities": [f.dir_schedule("el1", f.user_id("pim"), "user", f.ga, "", null)],
	})
	status(t, "pim") == "FAIL"
}

# Roles held through a role-assignable group.
test_fails_admin_through_group if {
	t := f.tenant({
		"users": [f.user("member", {"mfa": unregistered})],
		"groups": [{"id": "grp-admins", "display_name": "Tier0", "is_assignable_to_role": true, "members": [{"id": f.user_id("member"), "type": "user"}], "eligible_members": []}],
		"directory_role_assignments": [f.dir_assignment("ra1", "grp-admins", "group", f.pra)],
	})
	status(t, "member") == "FAIL"
}

# PIM for Groups: eligible member of a group that holds Global Administrator.
test_fails_eligible_group_member if {
	t := f.tenant({
		"users": [f.user("jit", {"mfa": unregistered})],
		"groups": [{"id": "grp-admins", "display_name": "Tier0", "is_assignable_to_role": true, "members": [], "eligible_members": [{"principal_id": f.user_id("jit"), "access_id": "member", "start": null, "end": null}]}],
		"directory_role_assignments": [f.dir_assignment("ra1", "grp-admins", "group", f.ga)],
	})
	status(t, "jit") == "FAIL"
}

test_fails_subscription_owner_without_mfa if {
	t := f.tenant({
		"users": [f.user("owner", {"mfa": unregistered})],
		"subscriptions": [f.subscription({"role_assignments": [f.rbac_assignment("a1", f.user_id("owner"), "user", f.owner_def)]})],
	})
	status(t, "owner") == "FAIL"
}

test_contributor_is_not_privileged_here if {
	t := f.tenant({
		"users": [f.user("dev", {"mfa": unregistered})],
		"subscriptions": [f.subscription({"role_assignments": [f.rbac_assignment("a1", f.user_id("dev"), "user", f.contributor_def)]})],
	})
	count(results(t)) == 0
}

test_break_glass_exempt_and_reported if {
	t := f.tenant({
		"users": [f.user("bg1", {"mfa": unregistered})],
		"directory_role_assignments": [f.dir_assignment("ra1", f.user_id("bg1"), "user", f.ga)],
	})
	some r in privileged_mfa.results with input as f.world([t])
		with data.rampart.config.azure.break_glass_accounts as ["bg1@example.onmicrosoft.com"]
	r.status == "PASS"
	r.evidence.exempt
}

test_error_when_eligibilities_unknown_with_p2 if {
	t := f.tenant({"directory_role_eligibilities": null})
	some r in results(t)
	r.status == "ERROR"
	r.resource == sprintf("/tenants/%s", [f.tenant_id])
}

# Without Entra ID P2 there is no PIM, so no eligible assignment can exist.
test_no_gap_without_p2 if {
	t := f.tenant({"directory_role_eligibilities": null, "licences": {"entra_id_p1": true, "entra_id_p2": false, "skus": []}})
	count(results(t)) == 0
}

test_disabled_admin_not_judged if {
	t := f.tenant({
		"users": [f.user("old", {"account_enabled": false, "mfa": unregistered})],
		"directory_role_assignments": [f.dir_assignment("ra1", f.user_id("old"), "user", f.ga)],
	})
	count(results(t)) == 0
}
