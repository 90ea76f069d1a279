package rampart.gcp.sa_admin_privileges_test

import data.rampart.gcp.sa_admin_privileges as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

ci := "ci@prod-app.iam.gserviceaccount.com"

reader := "reader@prod-app.iam.gserviceaccount.com"

folder_admin := "ops@dev-app.iam.gserviceaccount.com"

agent := "service-333@gcp-sa-pubsub.iam.gserviceaccount.com"

snap := world.gcp(
	{
		"organizations": [world.org(world.empty, [])],
		# A binding at folder level reaches every project below it.
		"folders": [world.folder(world.policy([world.binding("roles/resourcemanager.folderAdmin", [concat("", ["serviceAccount:", folder_admin])])]), [])],
		"projects": [
			world.prod(world.policy([
				world.binding("roles/editor", [concat("", ["serviceAccount:", ci]), concat("", ["serviceAccount:", agent])]),
				world.binding("roles/viewer", [concat("", ["serviceAccount:", reader])]),
			]), []),
			world.dev(world.empty, []),
		],
	},
	{"service_accounts": [world.sa(ci), world.sa(reader), world.sa("idle@prod-app.iam.gserviceaccount.com")]},
)

st := s if {
	s := world.statuses(c.results) with input as snap
}

test_editor_fails if st[world.sa_name(ci)] == {"FAIL"}

test_viewer_passes if st[world.sa_name(reader)] == {"PASS"}

test_account_without_bindings_passes if st[world.sa_name("idle@prod-app.iam.gserviceaccount.com")] == {"PASS"}

test_admin_role_at_folder_fails_account_not_in_snapshot if {
	st["//iam.googleapis.com/projects/-/serviceAccounts/ops@dev-app.iam.gserviceaccount.com"] == {"FAIL"}
	rs := c.results with input as snap
	some r in rs
	r.resource == "//iam.googleapis.com/projects/-/serviceAccounts/ops@dev-app.iam.gserviceaccount.com"
	r.account == "dev-app"
	r.evidence.admin_grants[0].level == world.folder_name
}

test_google_managed_agents_are_not_judged if {
	not st[concat("", ["//iam.googleapis.com/projects/-/serviceAccounts/", agent])]
}

test_conditional_grant_still_counts if {
	cond := world.gcp({"projects": [world.prod(world.policy([{"role": "roles/owner", "members": [concat("", ["serviceAccount:", ci])], "condition": {"expression": "request.time < timestamp('2030-01-01T00:00:00Z')"}}]), [])]}, {})
	s := world.statuses(c.results) with input as cond
	s[concat("", ["//iam.googleapis.com/projects/-/serviceAccounts/", ci])] == {"FAIL"}
}
