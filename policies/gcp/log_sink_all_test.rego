package rampart.gcp.log_sink_all_test

import data.rampart.lib.gcp.world_test as world
import data.rampart.gcp.log_sink_all as c
import rego.v1

sink(parent, name, filter, children, disabled) := {
	"name": sprintf("%s/sinks/%s", [parent, name]), "parent": parent, "account": "x",
	"filter": filter, "destination": "bigquery.googleapis.com/projects/sec/datasets/logs",
	"include_children": children, "disabled": disabled,
}

snap := world.gcp(world.levels, {"log_sinks": [
	sink(world.folder_name, "folder-all", "", true, false),
	sink(world.prod_name, "errors-only", "severity>=ERROR", false, false),
]})

st := s if {
	s := world.statuses(c.results) with input as snap
}

test_aggregated_folder_sink_covers_projects if {
	st[world.prod_name] == {"PASS"}
	st[world.dev_name] == {"PASS"}
	st[world.folder_name] == {"PASS"}
}

test_organization_without_sink_fails if st[world.org_name] == {"FAIL"}

test_filtered_disabled_or_non_aggregated_sinks_do_not_count if {
	w := world.gcp(world.levels, {"log_sinks": [
		sink(world.org_name, "org-all-not-children", "", false, false),
		sink(world.folder_name, "folder-disabled", "", true, true),
		sink(world.dev_name, "filtered", "logName:cloudaudit", false, false),
	]})
	s := world.statuses(c.results) with input as w
	s[world.org_name] == {"PASS"}
	s[world.dev_name] == {"FAIL"}
	s[world.prod_name] == {"FAIL"}
}

test_unknown_ancestry_without_own_sink_is_error if {
	w := world.gcp({"projects": [object.union(world.dev(world.empty, []), {"ancestors": null}), object.union(world.prod(world.empty, []), {"ancestors": null})]}, {"log_sinks": [sink(world.prod_name, "all", " ", false, false)]})
	s := world.statuses(c.results) with input as w
	s[world.dev_name] == {"ERROR"}
	s[world.prod_name] == {"PASS"}
}
