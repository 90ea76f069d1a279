# METADATA
# title: Guests hold no privileged roles
# description: |
#   A guest is an identity another tenant controls: its password, MFA and
#   offboarding are outside this tenant's reach, so a guest with a
#   privileged directory role or Owner / User Access Administrator /
#   Contributor on a subscription is cross-tenant access to the crown
#   jewels. Active and eligible grants count, direct or through a group.
# custom:
#   id: azure-guest-privileged
#   severity: high
#   frameworks: {}
#   mitre: [T1078.004, T1199]
#   remediation: |
#     Remove the role from the guest, or give the person a member account governed by this tenant:
#     az role assignment delete --assignee <guest-object-id> --scope /subscriptions/<id>
#     Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId <id>
#   escalation: CISO + Cloud architecture
#   requires: ["graph:ListUsers", "graph:ListRoleAssignments", "authorization:ListRoleAssignments"]
#   iac: P
package rampart.azure.guest_privileged

import data.rampart.lib.azure
import data.rampart.lib.azure.roles
import rego.v1

type := "Microsoft.Graph/users"

strong_rbac := {roles.owner, roles.user_access_admin, roles.contributor, roles.rbac_admin}

held(tenant, user) := [roles.describe(g) |
	some g in roles.grants(tenant)
	g.principal_id == lower(user.id)
	strong(g)
]

strong(g) if roles.privileged(g)

strong(g) if {
	g.plane == "rbac"
	g.role in strong_rbac
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	user.user_type == "Guest"
	h := held(tenant, user)
	count(h) > 0
	r := azure.result("FAIL", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("guest %s holds %s", [user.user_principal_name, concat(", ", sort({x.role | some x in h}))]), {"user_type": "Guest", "roles": h, "account_enabled": user.account_enabled})
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	user.user_type == "Guest"
	count(held(tenant, user)) == 0
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("guest %s holds no privileged role", [user.user_principal_name]), {"user_type": "Guest"})
}

results contains r if {
	some tenant in input.azure.tenants
	reason := roles.eligibility_gap(tenant)
	r := azure.result("ERROR", tenant.tenant_id, azure.tenant_resource(tenant), "Microsoft.Graph/tenant", sprintf("guests' eligible roles are unknown: %s", [reason]), {})
}
