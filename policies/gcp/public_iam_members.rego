# METADATA
# title: No IAM binding grants allUsers or allAuthenticatedUsers
# description: |
#   allUsers is anyone on the internet and allAuthenticatedUsers anyone with
#   a Google account: a role granted to either is public. Every collected
#   IAM policy counts — organization, folders, projects and the resources
#   below them (buckets, datasets, ...). One result per policy.
# custom:
#   id: gcp-public-iam-members
#   severity: critical
#   frameworks:
#     cis-gcp-foundations-2.0: ["5.1", "7.1"]
#   mitre: [T1530, T1078.004]
#   remediation: |
#     Remove the public member from the policy, e.g.
#     gcloud storage buckets remove-iam-policy-binding gs://<bucket> --member=allUsers --role=<role>
#     gcloud projects remove-iam-policy-binding <project> --member=allAuthenticatedUsers --role=<role>
#     and enforce constraints/iam.allowedPolicyMemberDomains (which refuses public members).
#   escalation: Legal + DPO
#   requires: ["cloudasset:IAM_POLICY"]
#   iac: Y
package rampart.gcp.public_iam_members

import data.rampart.lib.gcp.iam
import data.rampart.lib.gcp.result
import rego.v1

offending(p) := [g | some g in iam.grants(p.policy); iam.public_members[g.member]]

results contains r if {
	some p in iam.policies
	gs := offending(p)
	count(gs) > 0
	r := result.make("FAIL", p.account, p.name, p.type, sprintf("%s is public: %s", [p.name, concat(", ", sort({sprintf("%s %s", [g.member, g.role]) | some g in gs}))]), {"grants": gs})
}

results contains r if {
	some p in iam.policies
	count(offending(p)) == 0
	r := result.make("PASS", p.account, p.name, p.type, sprintf("%s grants nothing to allUsers or allAuthenticatedUsers", [p.name]), {"grants": []})
}
