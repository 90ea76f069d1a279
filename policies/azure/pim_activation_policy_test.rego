package rampart.azure.pim_activation_policy_test

import data.rampart.azure.pim_activation_policy as pap
import data.rampart.lib.azure.roles
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

# all_roles gives every privileged role the same setting, except overrides.
all_roles(minutes, approval, overrides) := [object.union({"policy_id": sprintf("pol-%s", [role]), "role_definition_id": role, "max_activation_duration": "", "max_activation_minutes": minutes, "approval_required": approval}, object.get(overrides, role, {})) | some role, _ in roles.privileged_directory_roles]

statuses(policies) := {r.evidence.role: r.status | some r in pap.results with input as f.world([f.tenant({"role_management_policies": policies})])}

test_passes_two_hours_with_approval if {
	{s | some s in statuses(all_roles(120, true, {}))} == {"PASS"}
}

test_fails_eight_hours if {
	statuses(all_roles(120, true, {f.ga: {"max_activation_minutes": 480}}))["Global Administrator"] == "FAIL"
}

test_fails_without_approval if {
	statuses(all_roles(120, true, {f.pra: {"approval_required": false}}))["Privileged Role Administrator"] == "FAIL"
}

test_limit_from_config if {
	some r in pap.results with input as f.world([f.tenant({"role_management_policies": all_roles(240, true, {})})])
		with data.rampart.config.azure.max_activation_hours as 4
	r.status == "PASS"
}

test_error_for_missing_role_setting if {
	ps := [p | some p in all_roles(60, true, {}); p.role_definition_id != f.ga]
	some r in pap.results with input as f.world([f.tenant({"role_management_policies": ps})])
	r.status == "ERROR"
	contains(r.message, "Global Administrator")
}

test_error_for_unreadable_rule if {
	statuses(all_roles(120, true, {f.ga: {"max_activation_minutes": null}}))["Global Administrator"] == "ERROR"
}

# Not collected (no P2): the engine turns the collection error into ERROR naming the licence.
test_no_verdict_when_not_collected if {
	count(pap.results) == 0 with input as f.world([f.tenant({"role_management_policies": null})])
}
