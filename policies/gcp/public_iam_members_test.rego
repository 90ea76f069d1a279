package rampart.gcp.public_iam_members_test

import data.rampart.gcp.public_iam_members as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

bucket := "//storage.googleapis.com/public-assets"

dataset := "//bigquery.googleapis.com/projects/prod-app/datasets/private"

snap := world.gcp(
	{
		"organizations": [world.org(world.empty, [])],
		"folders": [world.folder(world.empty, [])],
		"projects": [world.prod(world.policy([world.binding("roles/viewer", ["allAuthenticatedUsers"])]), []), world.dev(world.empty, [])],
	},
	{"resource_iam_policies": [
		{"name": bucket, "asset_type": "storage.googleapis.com/Bucket", "account": "prod-app", "bindings": [world.binding("roles/storage.objectViewer", ["allUsers"])]},
		{"name": dataset, "asset_type": "bigquery.googleapis.com/Dataset", "account": "prod-app", "bindings": [world.binding("roles/bigquery.dataViewer", ["group:analysts@example.com"])]},
	]},
)

st := s if {
	s := world.statuses(c.results) with input as snap
}

test_all_authenticated_users_on_project_fails if st[world.prod_name] == {"FAIL"}

test_all_users_on_bucket_fails if st[bucket] == {"FAIL"}

test_private_resources_pass if {
	st[dataset] == {"PASS"}
	st[world.dev_name] == {"PASS"}
	st[world.org_name] == {"PASS"}
}

test_member_names_are_exact if {
	# "user:allusers@example.com" is a person, not the public.
	look := world.gcp({"projects": [world.prod(world.policy([world.binding("roles/viewer", ["user:allUsers@example.com"])]), [])]}, {})
	s := world.statuses(c.results) with input as look
	s[world.prod_name] == {"PASS"}
}
