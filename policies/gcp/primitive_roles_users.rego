# METADATA
# title: People do not hold basic Owner or Editor roles
# description: |
#   roles/owner and roles/editor grant thousands of permissions across every
#   service; a user or group holding them on an organization, folder or
#   project — and on everything below it — is a takeover waiting for one
#   phished password. One result per hierarchy level whose IAM policy was
#   collected: FAIL listing the users and groups with a basic role there,
#   PASS when there are none.
# custom:
#   id: gcp-primitive-roles-users
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Grant predefined roles scoped to the job instead, then remove the basic role:
#     gcloud projects remove-iam-policy-binding <project> --member=user:<email> --role=roles/editor
#     (gcloud resource-manager folders / gcloud organizations remove-iam-policy-binding for higher levels).
#   escalation: CISO + Cloud team
#   requires: ["cloudasset:IAM_POLICY"]
#   iac: Y
package rampart.gcp.primitive_roles_users

import data.rampart.lib.gcp.iam
import data.rampart.lib.gcp.result
import rego.v1

offending(l) := [g | some g in iam.grants(l.policy); iam.primitive_roles[g.role]; iam.person(g.member)]

results contains r if {
	some l in iam.levels
	gs := offending(l)
	count(gs) > 0
	r := result.make("FAIL", l.account, l.name, l.type, sprintf("%s grants basic roles to people: %s", [l.name, concat(", ", sort({sprintf("%s %s", [g.member, g.role]) | some g in gs}))]), {"grants": gs})
}

results contains r if {
	some l in iam.levels
	count(offending(l)) == 0
	r := result.make("PASS", l.account, l.name, l.type, sprintf("%s grants no basic role to a user or group", [l.name]), {"grants": []})
}
