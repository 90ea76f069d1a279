package rampart.azure.sp_privileged_secret_test

import data.rampart.azure.sp_privileged_secret as sps
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

sp(type, pw) := {"id": "sp-1", "app_id": "app-guid-1", "display_name": "deployer", "service_principal_type": type, "account_enabled": true, "password_credentials": pw, "key_credentials": []}

app(pw, fed) := {"id": "app-1", "app_id": "app-guid-1", "display_name": "deployer", "password_credentials": pw, "key_credentials": [], "federated_credentials": fed}

secret := {"key_id": "k1", "start": "2025-01-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"}

owner_of_sub := [f.subscription({"role_assignments": [f.rbac_assignment("a1", "sp-1", "servicePrincipal", f.owner_def)]})]

status(t) := r.status if {
	some r in sps.results with input as f.world([t])
}

test_fails_owner_with_app_secret if {
	status(f.tenant({"service_principals": [sp("Application", [])], "applications": [app([secret], [])], "subscriptions": owner_of_sub})) == "FAIL"
}

test_fails_global_admin_with_sp_secret if {
	status(f.tenant({"service_principals": [sp("Application", [secret])], "directory_role_assignments": [f.dir_assignment("ra", "sp-1", "servicePrincipal", f.ga)]})) == "FAIL"
}

test_fails_contributor_through_group if {
	t := f.tenant({
		"service_principals": [sp("Application", [secret])],
		"groups": [{"id": "g", "display_name": "deployers", "is_assignable_to_role": false, "members": [{"id": "sp-1", "type": "servicePrincipal"}], "eligible_members": []}],
		"subscriptions": [f.subscription({"role_assignments": [f.rbac_assignment("a1", "g", "group", f.contributor_def)]})],
	})
	status(t) == "FAIL"
}

test_passes_federated if {
	status(f.tenant({"service_principals": [sp("Application", [])], "applications": [app([], [{"name": "gh", "issuer": "https://token.actions.githubusercontent.com", "subject": "repo:example/app:ref:refs/heads/main"}])], "subscriptions": owner_of_sub})) == "PASS"
}

test_passes_managed_identity if {
	status(f.tenant({"service_principals": [sp("ManagedIdentity", [])], "subscriptions": owner_of_sub})) == "PASS"
}

test_expired_secret_does_not_count if {
	old := {"key_id": "k0", "start": "2023-01-01T00:00:00Z", "end": "2024-01-01T00:00:00Z"}
	status(f.tenant({"service_principals": [sp("Application", [old])], "subscriptions": owner_of_sub})) == "PASS"
}

test_unprivileged_sp_not_judged if {
	count(sps.results) == 0 with input as f.world([f.tenant({"service_principals": [sp("Application", [secret])]})])
}
