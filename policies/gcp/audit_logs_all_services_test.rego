package rampart.gcp.audit_logs_all_services_test

import data.rampart.gcp.audit_logs_all_services as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

audit(service, types, exempt) := {"service": service, "audit_log_configs": [{"log_type": t, "exempted_members": exempt} | some t in types]}

with_audit(acs) := {"bindings": [], "audit_configs": acs}

all3 := ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]

# ADMIN_READ and DATA_WRITE at the org; DATA_READ added on prod; dev exempts a member.
snap := world.gcp(
	{
		"organizations": [world.org(with_audit([audit("allServices", ["ADMIN_READ", "DATA_WRITE"], [])]), [])],
		"folders": [world.folder(world.empty, [])],
		"projects": [
			world.prod(with_audit([audit("allServices", ["DATA_READ"], [])]), []),
			world.dev(with_audit([audit("allServices", all3, ["user:noisy@example.com"])]), []),
		],
	},
	{},
)

st := s if {
	s := world.statuses(c.results) with input as snap
}

test_configs_merge_down_the_hierarchy if st[world.prod_name] == {"PASS"}

test_missing_log_type_fails if {
	st[world.org_name] == {"FAIL"}
	st[world.folder_name] == {"FAIL"}
}

test_exempted_member_fails if st[world.dev_name] == {"FAIL"}

test_per_service_config_does_not_count if {
	w := world.gcp({"organizations": [world.org(with_audit([audit("storage.googleapis.com", all3, [])]), [])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.org_name] == {"FAIL"}
}

test_exemption_above_fails_below if {
	w := world.gcp({"organizations": [world.org(with_audit([audit("allServices", ["DATA_READ"], ["user:x@example.com"])]), [])], "folders": [world.folder(world.empty, [])], "projects": [world.dev(with_audit([audit("allServices", all3, [])]), [])]}, {})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"FAIL"}
}

test_unknown_ancestry_is_error_unless_own_exemption if {
	w := world.gcp({"projects": [
		object.union(world.prod(with_audit([audit("allServices", all3, [])]), []), {"ancestors": null}),
		object.union(world.dev(with_audit([audit("allServices", all3, ["user:x@example.com"])]), []), {"ancestors": null}),
	]}, {})
	s := world.statuses(c.results) with input as w
	s[world.prod_name] == {"ERROR"}
	s[world.dev_name] == {"FAIL"}
}

# Bindings without audit configs (null): the audit configs are not in the
# input, so the level is not judged; with the organization's config known
# it is.
test_null_audit_configs_are_not_judged if {
	w := world.gcp({"organizations": [world.org({"bindings": [], "audit_configs": null}, [])]}, {})
	count(c.results) == 0 with input as w
}
