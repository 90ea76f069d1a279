# METADATA
# title: Service accounts hold no admin roles
# description: |
#   A service account's credentials sit in workloads, CI systems and key
#   files; one with roles/owner, roles/editor or a predefined *Admin role
#   turns any of those into full control of every project below the level
#   the role is granted on. Every binding at organization, folder and
#   project level counts, conditional ones too (a condition narrows, it does
#   not remove the grant). One result per service account; Google-managed
#   service agents are not judged.
# custom:
#   id: gcp-sa-admin-privileges
#   severity: high
#   frameworks:
#     cis-gcp-foundations-2.0: ["1.5"]
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Replace the role with the narrowest predefined or custom role the workload needs:
#     gcloud projects remove-iam-policy-binding <project> --member=serviceAccount:<sa> --role=<role>
#     (gcloud resource-manager folders / gcloud organizations remove-iam-policy-binding for higher levels).
#   escalation: CISO + Cloud team
#   requires: ["cloudasset:IAM_POLICY"]
#   iac: Y
package rampart.gcp.sa_admin_privileges

import data.rampart.lib.gcp.iam
import data.rampart.lib.gcp.result
import rego.v1

sa_type := "iam.googleapis.com/ServiceAccount"

admin_grants(e) := [g | some g in object.get(iam.sa_grants, e, []); iam.admin_role(g.role)]

results contains r if {
	some e in iam.service_accounts
	gs := admin_grants(e)
	count(gs) > 0
	r := result.make("FAIL", iam.sa_account(e), iam.sa_resource(e), sa_type, sprintf("service account %s holds %s", [e, concat(", ", sort({sprintf("%s on %s", [g.role, g.level]) | some g in gs}))]), {"admin_grants": gs})
}

results contains r if {
	some e in iam.service_accounts
	count(admin_grants(e)) == 0
	r := result.make("PASS", iam.sa_account(e), iam.sa_resource(e), sa_type, sprintf("service account %s holds no admin role", [e]), {"roles": sort({g.role | some g in object.get(iam.sa_grants, e, [])})})
}
