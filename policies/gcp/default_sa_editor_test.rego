package rampart.gcp.default_sa_editor_test

import data.rampart.gcp.default_sa_editor as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

compute := "333-compute@developer.gserviceaccount.com"

appengine := "dev-app@appspot.gserviceaccount.com"

other := "app@prod-app.iam.gserviceaccount.com"

snap := world.gcp(
	{
		"organizations": [world.org(world.empty, [])],
		"folders": [world.folder(world.empty, [])],
		"projects": [
			world.prod(world.policy([world.binding("roles/editor", [concat("", ["serviceAccount:", compute]), concat("", ["serviceAccount:", other])])]), []),
			world.dev(world.policy([world.binding("roles/appengine.serviceAgent", [concat("", ["serviceAccount:", appengine])])]), []),
		],
	},
	{},
)

st := s if {
	s := world.statuses(c.results) with input as snap
}

wild(e) := concat("", ["//iam.googleapis.com/projects/-/serviceAccounts/", e])

test_compute_default_with_editor_fails if st[wild(compute)] == {"FAIL"}

test_appengine_default_without_basic_role_passes if st[wild(appengine)] == {"PASS"}

test_other_accounts_are_not_judged if not st[wild(other)]

test_editor_inherited_from_org_fails if {
	up := world.gcp({"organizations": [world.org(world.policy([world.binding("roles/owner", [concat("", ["serviceAccount:", appengine])])]), [])]}, {})
	s := world.statuses(c.results) with input as up
	s[wild(appengine)] == {"FAIL"}
}

test_described_default_account_is_judged_by_its_name if {
	described := world.gcp(world.levels, {"service_accounts": [object.union(world.sa(compute), {"default": "compute"})]})
	s := world.statuses(c.results) with input as described
	s[world.sa_name(compute)] == {"PASS"}
}
