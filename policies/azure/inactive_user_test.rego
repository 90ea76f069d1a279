package rampart.azure.inactive_user_test

import data.rampart.azure.inactive_user as iu
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

activity(t) := {"last_sign_in": t, "last_non_interactive_sign_in": null, "last_successful_sign_in": t}

status(u) := r.status if {
	some r in iu.results with input as f.world([f.tenant({"users": [u]})])
}

test_fails_after_100_days if {
	status(f.user("idle", {"sign_in_activity": activity("2025-02-20T00:00:00Z")})) == "FAIL"
}

test_passes_recent_sign_in if {
	status(f.user("busy", {})) == "PASS"
}

test_non_interactive_sign_in_counts if {
	status(f.user("svc", {"sign_in_activity": {"last_sign_in": "2024-01-01T00:00:00Z", "last_non_interactive_sign_in": "2025-05-30T00:00:00Z", "last_successful_sign_in": null}})) == "PASS"
}

# Never signed in: counted from creation, so a new hire passes...
test_new_never_signed_in_passes if {
	status(f.user("hire", {"created": "2025-05-01T00:00:00Z", "sign_in_activity": activity(null)})) == "PASS"
}

# ... and an old account that never signed in fails.
test_old_never_signed_in_fails if {
	status(f.user("ghost", {"created": "2024-01-01T00:00:00Z", "sign_in_activity": activity(null)})) == "FAIL"
}

test_guests_judged if {
	status(f.user("g", {"user_type": "Guest", "sign_in_activity": activity("2024-06-01T00:00:00Z")})) == "FAIL"
}

test_disabled_not_judged if {
	count(iu.results) == 0 with input as f.world([f.tenant({"users": [f.user("off", {"account_enabled": false, "sign_in_activity": activity("2020-01-01T00:00:00Z")})]})])
}

test_break_glass_exempt_and_reported if {
	some r in iu.results with input as f.world([f.tenant({"users": [f.user("bg2", {"sign_in_activity": activity("2024-01-01T00:00:00Z")})]})])
		with data.rampart.config.azure.break_glass_accounts as ["bg2@example.onmicrosoft.com"]
	r.status == "PASS"
	r.evidence.exempt
}

# Not collected (no P1): no verdict here; the engine turns the collection error into ERROR.
test_no_verdict_without_activity if {
	count(iu.results) == 0 with input as f.world([f.tenant({"users": [f.user("u", {"sign_in_activity": null})]})])
}

test_threshold_from_config if {
	some r in iu.results with input as f.world([f.tenant({"users": [f.user("u", {"sign_in_activity": activity("2025-05-01T00:00:00Z")})]})])
		with data.rampart.config.thresholds.azure_inactive_days as 14
	r.status == "FAIL"
}
