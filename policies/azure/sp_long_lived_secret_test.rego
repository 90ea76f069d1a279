package rampart.azure.sp_long_lived_secret_test

import data.rampart.azure.sp_long_lived_secret as s
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

app(creds) := {"id": "app-1", "app_id": "c0ffee00-0000-0000-0000-000000000001", "display_name": "ci", "password_credentials": creds, "key_credentials": [], "federated_credentials": null}

secret(start, end) := {"key_id": "k1", "display_name": "deploy", "start": start, "end": end}

status(creds) := r.status if {
	some r in s.results with input as f.world([f.tenant({"applications": [app(creds)]})])
}

test_fails_never_expiring if {
	status([secret("2024-01-01T00:00:00Z", null)]) == "FAIL"
}

test_fails_two_years if {
	status([secret("2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]) == "FAIL"
}

test_passes_six_months if {
	status([secret("2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z")]) == "PASS"
}

test_passes_exactly_365_days if {
	status([secret("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]) == "PASS"
}

test_threshold_from_config if {
	some r in s.results with input as f.world([f.tenant({"applications": [app([secret("2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z")])]})])
		with data.rampart.config.thresholds.azure_secret_lifetime_days as 90
	r.status == "FAIL"
}

test_service_principal_secrets_judged if {
	sp := {"id": "sp-1", "app_id": "x", "display_name": "legacy", "service_principal_type": "Application", "account_enabled": true, "password_credentials": [secret("2024-01-01T00:00:00Z", null)], "key_credentials": []}
	some r in s.results with input as f.world([f.tenant({"service_principals": [sp]})])
	r.status == "FAIL"
	r.resource_type == "Microsoft.Graph/servicePrincipals"
}

test_certificates_not_judged if {
	a := object.union(app([]), {"key_credentials": [{"key_id": "c", "type": "AsymmetricX509Cert", "start": "2020-01-01T00:00:00Z", "end": "2030-01-01T00:00:00Z"}]})
	count(s.results) == 0 with input as f.world([f.tenant({"applications": [a]})])
}

# The portal's "never" is 2299-12-31, past nanosecond time.
test_fails_portal_never if {
	status([secret("2024-01-01T00:00:00Z", "2299-12-31T00:00:00Z")]) == "FAIL"
}
