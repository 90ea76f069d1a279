# METADATA
# description: |
#   A small organization for the GCP controls' tests: organization 111
#   (example.com) > folder 222 > projects prod-app (333) and dev-app (444).
#   Tests take its levels, change what they test, and read statuses back by
#   resource.
package rampart.lib.gcp.world_test

import rego.v1

org_name := "//cloudresourcemanager.googleapis.com/organizations/111"

folder_name := "//cloudresourcemanager.googleapis.com/folders/222"

prod_name := "//cloudresourcemanager.googleapis.com/projects/333"

dev_name := "//cloudresourcemanager.googleapis.com/projects/444"

policy(bindings) := {"bindings": bindings, "audit_configs": []}

binding(role, members) := {"role": role, "members": members}

empty := policy([])

org(iam, ops) := {
	"name": org_name, "type": "organization", "account": "organizations/111", "id": "111",
	"display_name": "example.com", "ancestors": [], "iam_policy": iam, "org_policies": ops,
}

folder(iam, ops) := {
	"name": folder_name, "type": "folder", "account": "folders/222", "id": "222",
	"display_name": "apps", "parent": org_name, "ancestors": [org_name], "iam_policy": iam, "org_policies": ops,
}

prod(iam, ops) := {
	"name": prod_name, "type": "project", "account": "prod-app", "id": "prod-app", "number": "333",
	"parent": folder_name, "ancestors": [folder_name, org_name], "iam_policy": iam, "org_policies": ops,
}

dev(iam, ops) := {
	"name": dev_name, "type": "project", "account": "dev-app", "id": "dev-app", "number": "444",
	"parent": folder_name, "ancestors": [folder_name, org_name], "iam_policy": iam, "org_policies": ops,
}

# levels is the whole hierarchy with empty IAM and org policies.
levels := {
	"organizations": [org(empty, [])],
	"folders": [folder(empty, [])],
	"projects": [prod(empty, []), dev(empty, [])],
}

# gcp is an input with the given hierarchy and other sections.
gcp(hierarchy, extra) := {
	"schema": "rampart.snapshot/v1",
	"collected_at": "2026-03-01T00:00:00Z",
	"source": "api",
	"gcp": object.union(
		object.union({
			"content": ["IAM_POLICY", "ORG_POLICY", "RESOURCE"],
			"resource_iam_policies": [], "service_accounts": [], "service_account_keys": [],
			"log_sinks": [], "workload_identity_providers": [], "instances": [],
		}, hierarchy),
		extra,
	),
}

# statuses maps each resource of a result set to its statuses.
statuses(rs) := {res: {r.status | some r in rs; r.resource == res} | some r0 in rs; res := r0.resource}

sa_name(e) := sprintf("//iam.googleapis.com/projects/prod-app/serviceAccounts/%s", [e])

sa(e) := {"name": sa_name(e), "account": "prod-app", "email": e, "disabled": false, "activity": null}
