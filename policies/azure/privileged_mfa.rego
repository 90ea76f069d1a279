# METADATA
# title: Users holding privileged roles are registered for MFA
# description: |
#   An administrator's password alone is the shortest path to the whole
#   tenant (pb-16 2.2: "hardware MFA on Root/GA"). Every enabled user who
#   holds a privileged directory role (Global Administrator, Privileged Role
#   Administrator, ...) or Owner / User Access Administrator on a collected
#   subscription is judged, whether the role is active or eligible (PIM),
#   assigned directly or held through a group. When eligible assignments
#   could not be read (PIM needs Entra ID P2), a tenant-level ERROR says so,
#   since some administrators may be missing. Break-glass accounts are
#   reported as exempt.
# custom:
#   id: azure-privileged-mfa
#   severity: critical
#   frameworks:
#     cis-azure-foundations-3.0.0: ["2.1.2"]
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Register MFA (preferably a FIDO2 key or passkey) for the administrator, and require it with a Conditional
#     Access policy targeting directory roles. Find administrators without MFA with Graph PowerShell:
#     Get-MgReportAuthenticationMethodUserRegistrationDetail -Filter "isAdmin eq true and isMfaRegistered eq false"
#   escalation: CISO + Cloud team
#   requires: ["graph:ListUsers", "graph:ListUserRegistrationDetails", "graph:ListRoleAssignments"]
#   iac: N
package rampart.azure.privileged_mfa

import data.rampart.lib.azure
import data.rampart.lib.azure.roles
import rego.v1

type := "Microsoft.Graph/users"

admins(tenant) := {[user, held] |
	some user in tenant.users
	user.account_enabled
	held := roles.privileged_grants_of(tenant, user.id)
	count(held) > 0
}

results contains r if {
	some tenant in input.azure.tenants
	some [user, held] in admins(tenant)
	azure.is_break_glass(user)
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s is a break-glass account: exempt (azure.break_glass_accounts)", [user.user_principal_name]), {"break_glass": true, "exempt": true, "roles": held, "mfa": user.mfa})
}

results contains r if {
	some tenant in input.azure.tenants
	some [user, held] in admins(tenant)
	not azure.is_break_glass(user)
	not is_null(user.mfa)
	not user.mfa.is_mfa_registered
	r := azure.result("FAIL", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s holds %s and is not registered for MFA", [user.user_principal_name, names(held)]), {"is_mfa_registered": false, "roles": held, "user_type": user.user_type})
}

results contains r if {
	some tenant in input.azure.tenants
	some [user, held] in admins(tenant)
	not azure.is_break_glass(user)
	user.mfa.is_mfa_registered
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s holds %s and is registered for MFA", [user.user_principal_name, names(held)]), {"is_mfa_registered": true, "methods": user.mfa.methods, "roles": held})
}

results contains r if {
	some tenant in input.azure.tenants
	some [user, held] in admins(tenant)
	not azure.is_break_glass(user)
	is_null(user.mfa)
	r := azure.result("ERROR", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s holds %s and has no row in the MFA registration report: MFA state unknown", [user.user_principal_name, names(held)]), {"mfa": null, "roles": held})
}

results contains r if {
	some tenant in input.azure.tenants
	reason := roles.eligibility_gap(tenant)
	r := azure.result("ERROR", tenant.tenant_id, azure.tenant_resource(tenant), "Microsoft.Graph/tenant", sprintf("administrators may be missing: %s", [reason]), {"licences": tenant.licences})
}

names(held) := concat(", ", sort({h.role | some h in held}))
