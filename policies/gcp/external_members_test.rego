package rampart.gcp.external_members_test

import data.rampart.gcp.external_members as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

bucket := "//storage.googleapis.com/shared"

snap := world.gcp(
	{
		"organizations": [world.org(world.policy([world.binding("roles/viewer", ["domain:example.com"])]), [])],
		"folders": [world.folder(world.policy([world.binding("roles/viewer", ["group:partners@agency.example.net"])]), [])],
		"projects": [
			world.prod(world.policy([world.binding("roles/editor", ["user:someone@gmail.com", "user:dev@example.com"])]), []),
			world.dev(world.policy([world.binding("roles/viewer", ["user:contractor@subsidiary.example.org", "deleted:user:old@gmail.com?uid=123", "serviceAccount:x@other-project.iam.gserviceaccount.com"])]), []),
		],
	},
	{"resource_iam_policies": [{"name": bucket, "asset_type": "storage.googleapis.com/Bucket", "account": "prod-app", "bindings": [world.binding("roles/storage.objectViewer", ["user:Friend@GMAIL.com"])]}]},
)

st := s if {
	s := world.statuses(c.results) with input as snap with data.rampart.config.gcp.allowed_domains as ["subsidiary.example.org"]
}

test_gmail_user_fails if st[world.prod_name] == {"FAIL"}

test_external_group_at_folder_fails if st[world.folder_name] == {"FAIL"}

test_external_member_on_a_resource_fails_case_insensitively if st[bucket] == {"FAIL"}

test_org_primary_domain_and_configured_domains_pass if {
	st[world.org_name] == {"PASS"}
	st[world.dev_name] == {"PASS"} # deleted members and service accounts are not domain members
}

test_no_known_domain_is_error if {
	bare := world.gcp({"projects": [world.prod(world.policy([world.binding("roles/viewer", ["user:a@example.com"])]), []), world.dev(world.empty, [])]}, {})
	s := world.statuses(c.results) with input as bare
	s[world.prod_name] == {"ERROR"}
	s[world.dev_name] == {"PASS"}
}
