package rampart.gcp.disable_sa_key_creation_test

import data.rampart.gcp.disable_sa_key_creation as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

op(k, fields) := object.union({
	"constraint": k, "version": "v1", "enforced": null, "all_values": "",
	"allowed_values": [], "denied_values": [], "inherit_from_parent": false,
	"restore_default": false, "conditional": false, "parameters": null,
}, fields)

legacy := "iam.disableServiceAccountKeyCreation"

# Enforced at the organization, turned off at the folder, enforced again in prod.
snap := world.gcp(
	{
		"organizations": [world.org(world.empty, [op(legacy, {"enforced": true})])],
		"folders": [world.folder(world.empty, [op(legacy, {"enforced": false})])],
		"projects": [world.prod(world.empty, [op(legacy, {"enforced": true})]), world.dev(world.empty, [])],
	},
	{},
)

st := s if {
	s := world.statuses(c.results) with input as snap
}

test_enforced_at_org_passes if st[world.org_name] == {"PASS"}

test_folder_override_fails_folder_and_projects_below if {
	st[world.folder_name] == {"FAIL"}
	st[world.dev_name] == {"FAIL"}
}

test_project_reenforcing_passes if st[world.prod_name] == {"PASS"}

test_inherited_from_org_passes if {
	w := world.gcp({"organizations": [world.org(world.empty, [op(legacy, {"enforced": true})])], "folders": [world.folder(world.empty, [])], "projects": [world.dev(world.empty, [])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"PASS"}
}

test_conditional_rule_alone_does_not_enforce if {
	w := world.gcp({"organizations": [world.org(world.empty, [op("iam.managed.disableServiceAccountKeyCreation", {"version": "v2", "conditional": true})])], "folders": [world.folder(world.empty, [])], "projects": [world.dev(world.empty, [])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"FAIL"}
}

test_managed_constraint_enforces if {
	w := world.gcp({"organizations": [world.org(world.empty, [op("iam.managed.disableServiceAccountKeyCreation", {"version": "v2", "enforced": true})])], "folders": [world.folder(world.empty, [])], "projects": [world.dev(world.empty, [])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"PASS"}
}

test_reset_returns_to_default if {
	w := world.gcp({"organizations": [world.org(world.empty, [op(legacy, {"enforced": true})])], "folders": [world.folder(world.empty, [])], "projects": [world.dev(world.empty, [op(legacy, {"restore_default": true})])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"FAIL"}
}

test_project_alone_is_error if {
	w := world.gcp({"projects": [world.dev(world.empty, [])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"ERROR"}
}
