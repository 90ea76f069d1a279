# METADATA
# title: Only the organization's own domains hold roles
# description: |
#   A user or group from outside the organization's domains — a personal
#   gmail.com account, a contractor's own domain — holds access that the
#   organization's identity controls (MFA, offboarding, login policy) do
#   not govern. Allowed domains are gcp.allowed_domains plus the
#   organization's primary domain when the snapshot has the organization.
#   Every collected IAM policy counts; one result per policy. With no
#   allowed domain known, a policy naming users, groups or domains is ERROR.
# custom:
#   id: gcp-external-members
#   severity: high
#   frameworks:
#     cis-gcp-foundations-2.0: ["1.1"]
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Remove the external member, e.g.
#     gcloud projects remove-iam-policy-binding <project> --member=user:<someone>@gmail.com --role=<role>
#     give the person a corporate identity if they need access, and enforce
#     constraints/iam.allowedPolicyMemberDomains with your customer ID.
#   escalation: CISO + Cloud architecture
#   requires: ["cloudasset:IAM_POLICY"]
#   iac: Y
package rampart.gcp.external_members

import data.rampart.lib.gcp.iam
import data.rampart.lib.gcp.result
import rego.v1

allowed := {lower(d) | some d in data.rampart.config.gcp.allowed_domains} | {lower(o.display_name) |
	some o in object.get(input.gcp, "organizations", [])
	contains(o.display_name, ".")
}

domain_grants(p) := [object.union(g, {"domain": iam.domain(g.member)}) |
	some g in iam.grants(p.policy)
	not startswith(g.member, "deleted:")
	iam.domain(g.member)
]

external(p) := [g | some g in domain_grants(p); not allowed[g.domain]]

results contains r if {
	count(allowed) > 0
	some p in iam.policies
	gs := external(p)
	count(gs) > 0
	r := result.make("FAIL", p.account, p.name, p.type, sprintf("%s grants roles outside %s: %s", [p.name, concat(", ", sort(allowed)), concat(", ", sort({sprintf("%s %s", [g.member, g.role]) | some g in gs}))]), {"external": gs, "allowed_domains": sort(allowed)})
}

results contains r if {
	count(allowed) > 0
	some p in iam.policies
	count(external(p)) == 0
	r := result.make("PASS", p.account, p.name, p.type, sprintf("%s grants roles only within %s", [p.name, concat(", ", sort(allowed))]), {"allowed_domains": sort(allowed)})
}

results contains r if {
	count(allowed) == 0
	some p in iam.policies
	count(domain_grants(p)) > 0
	r := result.make("ERROR", p.account, p.name, p.type, sprintf("%s names users, groups or domains, but no allowed domain is known: set gcp.allowed_domains", [p.name]), {"domains": sort({g.domain | some g in domain_grants(p)})})
}

results contains r if {
	count(allowed) == 0
	some p in iam.policies
	count(domain_grants(p)) == 0
	r := result.make("PASS", p.account, p.name, p.type, sprintf("%s names no user, group or domain", [p.name]), {})
}
