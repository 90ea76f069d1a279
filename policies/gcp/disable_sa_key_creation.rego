# METADATA
# title: Service account key creation is disabled
# description: |
#   With iam.disableServiceAccountKeyCreation (or the managed
#   iam.managed.disableServiceAccountKeyCreation) enforced, nobody can mint a
#   new long-lived key for a service account — the credential an intruder
#   creates to keep access. Judged per organization, folder and project on
#   the effective policy, inherited from the nearest level that sets it; a
#   level whose chain up to the organization is not in the input is ERROR.
# custom:
#   id: gcp-disable-sa-key-creation
#   severity: medium
#   frameworks: {}
#   mitre: [T1098.001]
#   remediation: |
#     gcloud resource-manager org-policies enable-enforce iam.disableServiceAccountKeyCreation --organization=<org-id>
#     and delete overrides below it: gcloud resource-manager org-policies delete iam.disableServiceAccountKeyCreation --project=<project>
#   escalation: Cloud team
#   requires: ["cloudasset:ORG_POLICY"]
#   iac: Y
package rampart.gcp.disable_sa_key_creation

import data.rampart.lib.gcp.hierarchy
import data.rampart.lib.gcp.orgpolicy
import data.rampart.lib.gcp.result
import rego.v1

legacy := "iam.disableServiceAccountKeyCreation"

managed := "iam.managed.disableServiceAccountKeyCreation"

enforced(c) if orgpolicy.boolean_enforced(c, legacy)

enforced(c) if orgpolicy.boolean_enforced(c, managed)

evidence(c) := {
	"deciding_policy": orgpolicy.boolean_source(c, legacy),
	"deciding_managed_policy": orgpolicy.boolean_source(c, managed),
}

results contains r if {
	some c in hierarchy.containers
	orgpolicy.decidable(c)
	enforced(c)
	r := result.make("PASS", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: service account key creation is disabled", [c.name]), evidence(c))
}

results contains r if {
	some c in hierarchy.containers
	orgpolicy.decidable(c)
	not enforced(c)
	r := result.make("FAIL", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: %s is not enforced", [c.name, legacy]), evidence(c))
}

results contains r if {
	some c in hierarchy.containers
	not orgpolicy.decidable(c)
	r := result.make("ERROR", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: effective %s not decided: %s", [c.name, legacy, orgpolicy.undecided_reason(c)]), {})
}
