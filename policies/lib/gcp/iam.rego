# METADATA
# description: |
#   IAM helpers shared by the GCP controls: the IAM policies of the
#   snapshot (hierarchy levels and resources), members and their kinds,
#   and the roles the controls treat as privileged.
package rampart.lib.gcp.iam

import data.rampart.lib.gcp.hierarchy
import rego.v1

# levels are the hierarchy levels whose IAM bindings were collected, each
# as {name, account, type, policy}. A policy with null bindings holds only
# audit configs (a Terraform plan that sets audit configs of a project but
# none of its bindings): it says nothing about who holds which role.
levels contains {"name": c.name, "account": c.account, "type": hierarchy.asset_type(c), "policy": c.iam_policy} if {
	some c in hierarchy.containers
	c.iam_policy != null
	object.get(c.iam_policy, "bindings", null) != null
}

# policies are every collected IAM policy: levels and resources below them.
policies := levels | {{"name": r.name, "account": r.account, "type": r.asset_type, "policy": {"bindings": r.bindings, "audit_configs": []}} | some r in object.get(input.gcp, "resource_iam_policies", [])}

# bindings of a policy, never null.
bindings(p) := [b | some b in object.get(p, "bindings", [])] if p.bindings != null

bindings(p) := [] if p.bindings == null

# grants lists (member, role, condition) of a policy.
grants(p) := [{"member": m, "role": b.role, "conditional": object.get(b, "condition", null) != null} |
	some b in bindings(p)
	some m in b.members
]

# primitive roles are the basic roles that predate IAM.
primitive_roles := {"roles/owner", "roles/editor"}

# admin_role holds for roles/owner, roles/editor and any predefined role
# whose name ends in admin (CIS GCP 1.5: "*Admin" and "*admin" roles).
admin_role(role) if primitive_roles[role]

admin_role(role) if {
	startswith(role, "roles/")
	regex.match(`(?i)admin$`, role)
}

# email is the address of a user:, group:, serviceAccount: member.
email(member) := e if {
	some prefix in ["user:", "group:", "serviceAccount:"]
	startswith(member, prefix)
	e := split(substring(member, count(prefix), -1), "?uid=")[0]
}

# domain of a member that belongs to one (user, group, domain members).
domain(member) := lower(substring(member, 7, -1)) if startswith(member, "domain:")

domain(member) := lower(split(email(member), "@")[1]) if {
	not startswith(member, "serviceAccount:")
	contains(email(member), "@")
}

# person holds for members that are people or groups of people.
person(member) if startswith(member, "user:")

person(member) if startswith(member, "group:")

# public members make a resource reachable by anyone.
public_members := {"allUsers", "allAuthenticatedUsers"}

# service_account holds for a serviceAccount: member.
service_account(member) if startswith(member, "serviceAccount:")

# google_managed holds for service agents Google creates and manages
# (service-N@gcp-sa-*.iam.gserviceaccount.com, N@cloudservices...,
# N@cloudbuild...): their roles are Google's, not the customer's choice.
google_managed(email) if regex.match(`^service-[0-9]+@(gcp-sa-[a-z0-9-]+|[a-z0-9-]+-robot|compute-system|container-engine-robot|cloud-ml)\.iam\.gserviceaccount\.com$`, lower(email))

google_managed(email) if regex.match(`^[0-9]+@(cloudservices|cloudbuild)\.gserviceaccount\.com$`, lower(email))

# default_sa is the kind of a default service account ("compute",
# "appengine"), from its address (the same rule as the collectors').
default_sa(email) := "compute" if regex.match(`^[0-9]+-compute@developer\.gserviceaccount\.com$`, lower(email))

default_sa(email) := "appengine" if regex.match(`^[^@]+@appspot\.gserviceaccount\.com$`, lower(email))

# sa_grants maps each service account email granted a role on a hierarchy
# level to its grants there.
sa_grants[e] := [{"level": l.name, "account": l.account, "role": g.role, "conditional": g.conditional} |
	some l in levels
	some g in grants(l.policy)
	service_account(g.member)
	lower(email(g.member)) == e
] if {
	some l0 in levels
	some g0 in grants(l0.policy)
	service_account(g0.member)
	e := lower(email(g0.member))
}

# service_accounts are the emails of every service account the snapshot
# describes or a hierarchy binding names, Google-managed agents excluded.
service_accounts := {e |
	some sa in object.get(input.gcp, "service_accounts", [])
	e := lower(sa.email)
	not google_managed(e)
} | {e | some e, _ in sa_grants; not google_managed(e)}

# sa_resource is the CAI name of a service account by email: the
# snapshot's own name when the account was collected, else the IAM API's
# project-wildcard form.
sa_resource(e) := sa.name if {
	some sa in object.get(input.gcp, "service_accounts", [])
	lower(sa.email) == e
}

sa_resource(e) := sprintf("//iam.googleapis.com/projects/-/serviceAccounts/%s", [e]) if {
	not known_sa(e)
}

known_sa(e) if {
	some sa in object.get(input.gcp, "service_accounts", [])
	lower(sa.email) == e
}

# sa_account is the project a service account lives in: the snapshot's
# when collected, else the project its address names, else "".
sa_account(e) := sa.account if {
	some sa in object.get(input.gcp, "service_accounts", [])
	lower(sa.email) == e
}

sa_account(e) := split(split(e, "@")[1], ".")[0] if {
	not known_sa(e)
	endswith(e, ".iam.gserviceaccount.com")
}

sa_account(e) := "" if {
	not known_sa(e)
	not endswith(e, ".iam.gserviceaccount.com")
}
