package rampart.gcp.primitive_roles_users_test

import data.rampart.gcp.primitive_roles_users as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

snap := world.gcp(
	{
		"organizations": [world.org(world.policy([world.binding("roles/viewer", ["group:all@example.com"])]), [])],
		"folders": [world.folder(world.policy([world.binding("roles/owner", ["group:ops@example.com"])]), [])],
		"projects": [
			world.prod(world.policy([world.binding("roles/editor", ["user:dev@example.com", "serviceAccount:ci@prod-app.iam.gserviceaccount.com"])]), []),
			world.dev(world.policy([world.binding("roles/editor", ["serviceAccount:ci@prod-app.iam.gserviceaccount.com"])]), []),
		],
	},
	{},
)

st := s if {
	s := world.statuses(c.results) with input as snap
}

test_user_editor_on_project_fails if st[world.prod_name] == {"FAIL"}

test_group_owner_on_folder_fails if st[world.folder_name] == {"FAIL"}

test_viewer_passes if st[world.org_name] == {"PASS"}

test_service_account_editor_is_another_control if st[world.dev_name] == {"PASS"}

test_level_not_collected_has_no_result if {
	partial := world.gcp({"projects": [world.prod(null, [])]}, {})
	s := world.statuses(c.results) with input as partial
	s == {}
}

# A policy holding only audit configs (null bindings) says nothing about
# roles: no result, not a PASS.
test_null_bindings_are_not_judged if {
	w := world.gcp({"organizations": [world.org({"bindings": null, "audit_configs": []}, [])], "projects": [world.prod(world.policy([world.binding("roles/owner", ["user:a@example.com"])]), [])]}, {})
	s := world.statuses(c.results) with input as w
	not s[world.org_name]
	s[world.prod_name] == {"FAIL"}
}
