# METADATA
# title: Two to four Global Administrators
# description: |
#   One Global Administrator is a single point of failure; more than four
#   is more standing power than a tenant needs (pb-16: admins are few and
#   PIM-protected). Every enabled user who can act as Global Administrator
#   is counted: active or eligible (PIM), directly or through a group. When
#   eligible assignments could not be read, a count above four still fails,
#   anything else is ERROR.
# custom:
#   id: azure-global-admin-count
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Keep two to four Global Administrators (two of them break-glass accounts), make the rest eligible
#     through PIM, and move day-to-day work to least-privileged roles. List them with Graph PowerShell:
#     Get-MgRoleManagementDirectoryRoleAssignment -Filter "roleDefinitionId eq '62e90394-69f5-4237-9190-012177145e10'"
#   escalation: CISO + Cloud team
#   requires: ["graph:ListUsers", "graph:ListRoleAssignments"]
#   iac: N
package rampart.azure.global_admin_count

import data.rampart.lib.azure
import data.rampart.lib.azure.roles
import rego.v1

type := "Microsoft.Graph/tenant"

admins(tenant) := {u.user_principal_name |
	some g in roles.grants(tenant)
	g.plane == "directory"
	g.role == roles.global_admin
	some u in tenant.users
	lower(u.id) == g.principal_id
	u.account_enabled
}

evidence(tenant) := {"global_admins": sort(admins(tenant)), "count": count(admins(tenant))}

results contains r if {
	some tenant in input.azure.tenants
	n := count(admins(tenant))
	n > 4
	r := azure.result("FAIL", tenant.tenant_id, azure.tenant_resource(tenant), type, sprintf("%d users can act as Global Administrator (at most 4)", [n]), evidence(tenant))
}

results contains r if {
	some tenant in input.azure.tenants
	not roles.eligibility_gap(tenant)
	n := count(admins(tenant))
	n < 2
	r := azure.result("FAIL", tenant.tenant_id, azure.tenant_resource(tenant), type, sprintf("%d user(s) can act as Global Administrator (at least 2)", [n]), evidence(tenant))
}

results contains r if {
	some tenant in input.azure.tenants
	not roles.eligibility_gap(tenant)
	n := count(admins(tenant))
	n >= 2
	n <= 4
	r := azure.result("PASS", tenant.tenant_id, azure.tenant_resource(tenant), type, sprintf("%d users can act as Global Administrator", [n]), evidence(tenant))
}

results contains r if {
	some tenant in input.azure.tenants
	reason := roles.eligibility_gap(tenant)
	count(admins(tenant)) <= 4
	r := azure.result("ERROR", tenant.tenant_id, azure.tenant_resource(tenant), type, sprintf("Global Administrators cannot be counted: %s", [reason]), evidence(tenant))
}
