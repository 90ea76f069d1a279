# METADATA
# title: Domain restricted sharing is enforced
# description: |
#   The organization policy iam.allowedPolicyMemberDomains (or its managed
#   form iam.managed.allowedPolicyMembers) stops anyone from granting a role
#   to an identity outside the organization's Cloud Identity customers —
#   including allUsers. Judged per organization, folder and project on the
#   effective policy: a policy set above reaches the level unless the level
#   (or a level between) replaces it; an inheriting list merges. When a
#   level's chain up to the organization is not in the input the result is
#   ERROR. With gcp.allowed_customer_ids set, allowing any other customer
#   fails too.
# custom:
#   id: gcp-domain-restricted-sharing
#   severity: medium
#   frameworks: {}
#   mitre: [T1098.003, T1078.004]
#   remediation: |
#     Enforce the constraint at the organization with your customer ID (gcloud organizations describe <org-id>):
#     gcloud resource-manager org-policies allow iam.allowedPolicyMemberDomains <customer-id> --organization=<org-id>
#     and remove project or folder policies that override it (gcloud resource-manager org-policies delete
#     iam.allowedPolicyMemberDomains --project=<project>).
#   escalation: CISO + Cloud architecture
#   requires: ["cloudasset:ORG_POLICY"]
#   iac: Y
package rampart.gcp.domain_restricted_sharing

import data.rampart.lib.gcp.hierarchy
import data.rampart.lib.gcp.orgpolicy
import data.rampart.lib.gcp.result
import rego.v1

legacy := "iam.allowedPolicyMemberDomains"

managed := "iam.managed.allowedPolicyMembers"

customers := {c | some c in data.rampart.config.gcp.allowed_customer_ids}

restricted(c) if orgpolicy.list_restricted(c, legacy)

restricted(c) if orgpolicy.boolean_enforced(c, managed)

# foreign are allowed values that are not configured customers.
foreign(c) := {v | some v in orgpolicy.list_allowed(c, legacy); not customers[trim_prefix(v, "is:")]} if count(customers) > 0

foreign(c) := set() if count(customers) == 0

evidence(c) := {
	"policies": orgpolicy.set_on(c, legacy),
	"managed_policies": orgpolicy.set_on(c, managed),
	"allowed_values": sort(orgpolicy.list_allowed(c, legacy)),
}

results contains r if {
	some c in hierarchy.containers
	orgpolicy.decidable(c)
	restricted(c)
	count(foreign(c)) == 0
	r := result.make("PASS", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: domain restricted sharing is enforced", [c.name]), evidence(c))
}

results contains r if {
	some c in hierarchy.containers
	orgpolicy.decidable(c)
	restricted(c)
	count(foreign(c)) > 0
	r := result.make("FAIL", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: domain restricted sharing allows customers not in gcp.allowed_customer_ids: %s", [c.name, concat(", ", sort(foreign(c)))]), evidence(c))
}

results contains r if {
	some c in hierarchy.containers
	orgpolicy.decidable(c)
	not restricted(c)
	r := result.make("FAIL", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: %s is not enforced", [c.name, legacy]), evidence(c))
}

results contains r if {
	some c in hierarchy.containers
	not orgpolicy.decidable(c)
	r := result.make("ERROR", c.account, c.name, hierarchy.asset_type(c), sprintf("%s: effective %s not decided: %s", [c.name, legacy, orgpolicy.undecided_reason(c)]), {})
}
