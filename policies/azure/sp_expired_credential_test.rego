package rampart.azure.sp_expired_credential_test

import data.rampart.azure.sp_expired_credential as s
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

app(pw, keys) := {"id": "app-1", "app_id": "a", "display_name": "ci", "password_credentials": pw, "key_credentials": keys, "federated_credentials": null}

cred(id, end) := {"key_id": id, "start": "2024-01-01T00:00:00Z", "end": end}

statuses(a) := {r.status | some r in s.results with input as f.world([f.tenant({"applications": [a]})])}

test_fails_expired_secret if {
	statuses(app([cred("old", "2025-01-01T00:00:00Z")], [])) == {"FAIL"}
}

test_fails_expired_certificate if {
	statuses(app([], [cred("cert", "2025-05-31T23:59:59Z")])) == {"FAIL"}
}

test_passes_current_credentials if {
	statuses(app([cred("new", "2025-12-01T00:00:00Z")], [])) == {"PASS"}
}

# The snapshot's time is "now", not the wall clock.
test_now_is_collected_at if {
	statuses(app([cred("k", "2025-06-02T00:00:00Z")], [])) == {"PASS"}
}

test_no_result_without_credentials if {
	statuses(app([], [])) == set()
}

test_never_expiring_is_not_expired if {
	statuses(app([cred("k", null)], [])) == {"PASS"}
}

test_portal_never_is_not_expired if {
	statuses(app([cred("k", "2299-12-31T00:00:00Z")], [])) == {"PASS"}
}
