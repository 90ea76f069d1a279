package rampart.azure.user_mfa_test

import data.rampart.azure.user_mfa
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

unregistered := {"is_mfa_registered": false, "is_mfa_capable": false, "methods": [], "is_admin": false}

status(users, name) := r.status if {
	some r in user_mfa.results with input as f.world([f.tenant({"users": users})])
	endswith(r.resource, sprintf("/users/%s", [f.user_id(name)]))
}

test_fails_enabled_member_without_mfa if {
	status([f.user("bob", {"mfa": unregistered})], "bob") == "FAIL"
}

test_passes_registered_member if {
	status([f.user("alice", {})], "alice") == "PASS"
}

# Prowler #10422 / Maester #2107: disabled users and guests are not member-MFA findings.
test_disabled_user_not_judged if {
	count(user_mfa.results) == 0 with input as f.world([f.tenant({"users": [f.user("gone", {"account_enabled": false, "mfa": unregistered})]})])
}

test_guest_not_judged if {
	count(user_mfa.results) == 0 with input as f.world([f.tenant({"users": [f.user("partner", {"user_type": "Guest", "mfa": unregistered})]})])
}

test_error_without_registration_row if {
	status([f.user("new", {"mfa": null})], "new") == "ERROR"
}

test_break_glass_exempt_and_reported if {
	some r in user_mfa.results with input as f.world([f.tenant({"users": [f.user("bg1", {"mfa": unregistered})]})])
		with data.rampart.config.azure.break_glass_accounts as ["BG1@example.onmicrosoft.com"]
	r.status == "PASS"
	r.evidence.exempt == true
	r.evidence.break_glass == true
}

test_one_result_per_judged_user if {
	count(user_mfa.results) == 2 with input as f.world([f.tenant({"users": [f.user("a", {}), f.user("b", {"mfa": unregistered}), f.user("c", {"user_type": "Guest"})]})])
}
