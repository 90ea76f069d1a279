package rampart.gcp.domain_restricted_sharing_test

import data.rampart.gcp.domain_restricted_sharing as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

k := "iam.allowedPolicyMemberDomains"

op(fields) := object.union({
	"constraint": k, "version": "v1", "enforced": null, "all_values": "",
	"allowed_values": [], "denied_values": [], "inherit_from_parent": false,
	"restore_default": false, "conditional": false, "parameters": null,
}, fields)

restrict := op({"allowed_values": ["is:C01abcd2e"]})

# Enforced at the organization, overridden (allow all) in prod only.
snap := world.gcp(
	{
		"organizations": [world.org(world.empty, [restrict])],
		"folders": [world.folder(world.empty, [])],
		"projects": [world.prod(world.empty, [op({"all_values": "ALLOW"})]), world.dev(world.empty, [])],
	},
	{},
)

st := s if {
	s := world.statuses(c.results) with input as snap
}

test_enforced_at_org_passes_there if st[world.org_name] == {"PASS"}

test_inherited_by_folder_and_project if {
	st[world.folder_name] == {"PASS"}
	st[world.dev_name] == {"PASS"}
}

test_overridden_in_one_project_fails if st[world.prod_name] == {"FAIL"}

test_no_policy_anywhere_fails if {
	s := world.statuses(c.results) with input as world.gcp(world.levels, {})
	s[world.dev_name] == {"FAIL"}
	s[world.org_name] == {"FAIL"}
}

test_restore_default_below_fails if {
	w := world.gcp({"organizations": [world.org(world.empty, [restrict])], "folders": [world.folder(world.empty, [op({"restore_default": true})])], "projects": [world.dev(world.empty, [])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"FAIL"}
	s[world.org_name] == {"PASS"}
}

test_inheriting_list_merges if {
	w := world.gcp({"organizations": [world.org(world.empty, [restrict])], "folders": [world.folder(world.empty, [])], "projects": [world.dev(world.empty, [op({"allowed_values": ["is:C09zzzz9z"], "inherit_from_parent": true})])]}, {})
	rs := c.results with input as w with data.rampart.config.gcp.allowed_customer_ids as ["C01abcd2e"]
	some r in rs
	r.resource == world.dev_name
	r.status == "FAIL" # merged list allows a customer that is not configured
	r.evidence.allowed_values == ["is:C01abcd2e", "is:C09zzzz9z"]
}

test_managed_constraint_counts if {
	managed := op({"constraint": "iam.managed.allowedPolicyMembers", "version": "v2", "enforced": true, "parameters": {"allowedMemberSubjects": ["principalSet://goog/cloudIdentityCustomerId/C01abcd2e"]}})
	w := world.gcp({"organizations": [world.org(world.empty, [managed])], "folders": [world.folder(world.empty, [])], "projects": [world.dev(world.empty, [])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"PASS"}
}

test_unknown_ancestry_is_error if {
	w := world.gcp({"projects": [object.union(world.dev(world.empty, []), {"ancestors": null})]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"ERROR"}
}

test_ancestor_missing_or_uncollected_is_error if {
	w := world.gcp({"organizations": [world.org(world.empty, null)], "projects": [world.dev(world.empty, [])]}, {})
	rs := c.results with input as w
	some r in rs
	r.resource == world.dev_name
	r.status == "ERROR"
	contains(r.message, "folders/222")
}
