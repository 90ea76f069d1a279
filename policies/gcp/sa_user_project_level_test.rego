package rampart.gcp.sa_user_project_level_test

import data.rampart.gcp.sa_user_project_level as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

snap := world.gcp(
	{
		"organizations": [world.org(world.policy([world.binding("roles/iam.serviceAccountTokenCreator", ["group:ci@example.com"])]), [])],
		"folders": [world.folder(world.empty, [])],
		"projects": [
			world.prod(world.policy([world.binding("roles/iam.serviceAccountUser", ["user:dev@example.com"])]), []),
			world.dev(world.policy([world.binding("roles/iam.serviceAccountAdmin", ["user:dev@example.com"])]), []),
		],
	},
	# Granting the role on one service account is the recommended way.
	{"resource_iam_policies": [{"name": world.sa_name("ci@prod-app.iam.gserviceaccount.com"), "asset_type": "iam.googleapis.com/ServiceAccount", "account": "prod-app", "bindings": [world.binding("roles/iam.serviceAccountUser", ["user:dev@example.com"])]}]},
)

st := s if {
	s := world.statuses(c.results) with input as snap
}

test_project_level_sa_user_fails if st[world.prod_name] == {"FAIL"}

test_org_level_token_creator_fails if st[world.org_name] == {"FAIL"}

test_other_iam_roles_pass if {
	st[world.dev_name] == {"PASS"}
	st[world.folder_name] == {"PASS"}
}

test_grant_on_one_service_account_is_not_judged if not st[world.sa_name("ci@prod-app.iam.gserviceaccount.com")]
