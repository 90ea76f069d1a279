# METADATA
# title: Default service accounts do not hold Editor
# description: |
#   Google grants a project's default Compute Engine and App Engine service
#   accounts roles/editor when it creates them, and every VM or App Engine
#   app that runs as them inherits it: code execution on any instance then
#   means write access to almost everything in the project. FAIL when a
#   default service account (recognised by its address) holds roles/editor
#   or roles/owner on any level, PASS for the default accounts that do not.
# custom:
#   id: gcp-default-sa-editor
#   severity: high
#   frameworks:
#     cis-gcp-foundations-2.0: ["1.5"]
#   mitre: [T1078.004, T1098.003, T1552.005]
#   remediation: |
#     Remove the basic role and grant only what the workloads need:
#     gcloud projects remove-iam-policy-binding <project> --member=serviceAccount:<number>-compute@developer.gserviceaccount.com --role=roles/editor
#     Stop new projects from getting it: enforce constraints/iam.automaticIamGrantsForDefaultServiceAccounts.
#   escalation: CISO + Cloud team
#   requires: ["cloudasset:IAM_POLICY"]
#   iac: Y
package rampart.gcp.default_sa_editor

import data.rampart.lib.gcp.iam
import data.rampart.lib.gcp.result
import rego.v1

sa_type := "iam.googleapis.com/ServiceAccount"

defaults := {e | some e in iam.service_accounts; iam.default_sa(e)}

basic_grants(e) := [g | some g in object.get(iam.sa_grants, e, []); iam.primitive_roles[g.role]]

results contains r if {
	some e in defaults
	gs := basic_grants(e)
	count(gs) > 0
	r := result.make("FAIL", iam.sa_account(e), iam.sa_resource(e), sa_type, sprintf("default %s service account %s holds %s", [iam.default_sa(e), e, concat(", ", sort({sprintf("%s on %s", [g.role, g.level]) | some g in gs}))]), {"default": iam.default_sa(e), "grants": gs})
}

results contains r if {
	some e in defaults
	count(basic_grants(e)) == 0
	r := result.make("PASS", iam.sa_account(e), iam.sa_resource(e), sa_type, sprintf("default %s service account %s holds no basic role", [iam.default_sa(e), e]), {"default": iam.default_sa(e)})
}
