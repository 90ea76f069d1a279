package rampart.azure.mfa_enforced_test

import data.rampart.azure.mfa_enforced
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

ca(fields) := object.union({
	"id": "ca1", "display_name": "Require MFA", "state": "enabled",
	"include_users": ["All"], "exclude_users": [], "include_groups": [], "exclude_groups": [],
	"include_roles": [], "exclude_roles": [], "include_applications": ["All"], "exclude_applications": [],
	"client_app_types": ["all"], "grant_operator": "OR", "built_in_controls": ["mfa"], "authentication_strength": "",
}, fields)

status(t) := r.status if {
	some r in mfa_enforced.results with input as f.world([t])
}

test_passes_with_security_defaults if {
	status(f.tenant({"security_defaults": {"enabled": true}})) == "PASS"
}

test_passes_with_ca_policy if {
	status(f.tenant({"conditional_access_policies": [ca({})]})) == "PASS"
}

test_passes_with_authentication_strength if {
	status(f.tenant({"conditional_access_policies": [ca({"built_in_controls": [], "authentication_strength": "00000000-0000-0000-0000-000000000004"})]})) == "PASS"
}

test_fails_with_nothing if {
	status(f.tenant({})) == "FAIL"
}

test_fails_report_only_policy if {
	status(f.tenant({"conditional_access_policies": [ca({"state": "enabledForReportingButNotEnforced"})]})) == "FAIL"
}

test_fails_mfa_or_compliant_device if {
	status(f.tenant({"conditional_access_policies": [ca({"built_in_controls": ["mfa", "compliantDevice"]})]})) == "FAIL"
}

test_fails_policy_excluding_a_group if {
	status(f.tenant({"conditional_access_policies": [ca({"exclude_groups": ["grp-contractors"]})]})) == "FAIL"
}

test_break_glass_exclusion_allowed_and_reported if {
	t := f.tenant({"users": [f.user("bg1", {})], "conditional_access_policies": [ca({"exclude_users": [f.user_id("bg1")]})]})
	some r in mfa_enforced.results with input as f.world([t])
		with data.rampart.config.azure.break_glass_accounts as ["bg1@example.onmicrosoft.com"]
	r.status == "PASS"
	r.evidence.exempt_break_glass == ["bg1@example.onmicrosoft.com"]
}

test_fails_when_excluded_user_is_not_break_glass if {
	t := f.tenant({"users": [f.user("ceo", {})], "conditional_access_policies": [ca({"exclude_users": [f.user_id("ceo")]})]})
	status(t) == "FAIL"
}

test_error_when_ca_unknown_with_p1 if {
	some r in mfa_enforced.results with input as object.union(f.world([f.tenant({"conditional_access_policies": null})]), {"errors": [f.error(f.tenant_id, "graph", "ListConditionalAccessPolicies", "Forbidden", "insufficient privileges")]})
	r.status == "ERROR"
	contains(r.message, "Entra ID P1")
	contains(r.message, "insufficient privileges")
}

# Without P1 there can be no Conditional Access policy: the verdict is known.
test_fails_without_p1_and_security_defaults if {
	status(f.tenant({"conditional_access_policies": null, "licences": {"entra_id_p1": false, "entra_id_p2": false, "skus": []}})) == "FAIL"
}
