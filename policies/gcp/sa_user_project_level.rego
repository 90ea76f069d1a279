# METADATA
# title: Service Account User and Token Creator are not granted on whole projects
# description: |
#   roles/iam.serviceAccountUser and roles/iam.serviceAccountTokenCreator
#   granted on a project, folder or organization let the holder act as every
#   service account below it — including those with far more privilege than
#   their own: role chaining. Grant them on the one service account that
#   is needed instead. One result per hierarchy level whose IAM policy was
#   collected.
# custom:
#   id: gcp-sa-user-project-level
#   severity: medium
#   frameworks:
#     cis-gcp-foundations-2.0: ["1.6"]
#   mitre: [T1098.003, T1078.004]
#   remediation: |
#     Remove the project-level grant and grant the role on the specific service account:
#     gcloud projects remove-iam-policy-binding <project> --member=<member> --role=roles/iam.serviceAccountUser
#     gcloud iam service-accounts add-iam-policy-binding <sa>@<project>.iam.gserviceaccount.com --member=<member> --role=roles/iam.serviceAccountUser
#   escalation: CISO + Cloud architecture
#   requires: ["cloudasset:IAM_POLICY"]
#   iac: Y
package rampart.gcp.sa_user_project_level

import data.rampart.lib.gcp.iam
import data.rampart.lib.gcp.result
import rego.v1

impersonation_roles := {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}

offending(l) := [g | some g in iam.grants(l.policy); impersonation_roles[g.role]]

results contains r if {
	some l in iam.levels
	gs := offending(l)
	count(gs) > 0
	r := result.make("FAIL", l.account, l.name, l.type, sprintf("%s grants service account impersonation to %s", [l.name, concat(", ", sort({sprintf("%s (%s)", [g.member, g.role]) | some g in gs}))]), {"grants": gs})
}

results contains r if {
	some l in iam.levels
	count(offending(l)) == 0
	r := result.make("PASS", l.account, l.name, l.type, sprintf("%s grants neither Service Account User nor Token Creator", [l.name]), {"grants": []})
}
