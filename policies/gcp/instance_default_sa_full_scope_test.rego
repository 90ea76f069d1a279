package rampart.gcp.instance_default_sa_full_scope_test

import data.rampart.gcp.instance_default_sa_full_scope as c
import data.rampart.lib.gcp.world_test as world
import rego.v1

vm(n, sas) := {"name": sprintf("//compute.googleapis.com/projects/prod-app/zones/europe-west1-b/instances/%s", [n]), "account": "prod-app", "status": "RUNNING", "service_accounts": sas}

full := "https://www.googleapis.com/auth/cloud-platform"

st := s if {
	s := world.statuses(c.results) with input as world.gcp(world.levels, {"instances": [
		vm("bad", [{"email": "333-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/devstorage.read_only", full]}]),
		vm("narrow", [{"email": "333-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/logging.write"]}]),
		vm("dedicated", [{"email": "web@prod-app.iam.gserviceaccount.com", "scopes": [full]}]),
		vm("none", []),
	]})
}

n(x) := vm(x, []).name

test_default_sa_with_cloud_platform_fails if st[n("bad")] == {"FAIL"}

test_narrow_scopes_or_dedicated_account_pass if {
	st[n("narrow")] == {"PASS"}
	st[n("dedicated")] == {"PASS"}
	st[n("none")] == {"PASS"}
}

# A Terraform plan that leaves the email to the provider marks the
# account as the default one without its address.
test_default_without_address_fails if {
	s := world.statuses(c.results) with input as world.gcp(world.levels, {"instances": [
		vm("planned", [{"email": "", "default": "compute", "scopes": ["cloud-platform"]}]),
		vm("planned-narrow", [{"email": "", "default": "compute", "scopes": ["logging-write"]}]),
	]})
	s[n("planned")] == {"FAIL"}
	s[n("planned-narrow")] == {"PASS"}
}
