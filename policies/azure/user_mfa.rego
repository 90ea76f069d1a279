# METADATA
# title: Enabled member users are registered for MFA
# description: |
#   A password alone is phished or sprayed; the compromise playbook's first
#   hardening step is mandatory MFA. Only enabled member users are judged:
#   disabled accounts cannot sign in, and guests register MFA in their home
#   tenant, so flagging them is noise (a classic peer-tool bug). A user with
#   no row in the registration report is ERROR, since its MFA state is
#   unknown. Break-glass accounts (azure.break_glass_accounts) are reported
#   as exempt. Registration data needs Microsoft Entra ID P1 or P2: without
#   it every result is ERROR naming the licence.
# custom:
#   id: azure-user-mfa
#   severity: high
#   frameworks:
#     cis-azure-foundations-3.0.0: ["2.1.3"]
#   mitre: [T1078.004, T1110]
#   remediation: |
#     Require registration (Entra admin center > Protection > Authentication methods > Registration campaign,
#     or a Conditional Access policy requiring MFA). List unregistered users with Graph PowerShell:
#     Get-MgReportAuthenticationMethodUserRegistrationDetail -Filter "isMfaRegistered eq false"
#   escalation: Cloud team
#   requires: ["graph:ListUsers", "graph:ListUserRegistrationDetails"]
#   iac: N
package rampart.azure.user_mfa

import data.rampart.lib.azure
import rego.v1

type := "Microsoft.Graph/users"

judged(user) if {
	user.account_enabled
	user.user_type == "Member"
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	judged(user)
	azure.is_break_glass(user)
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s is a break-glass account: exempt (azure.break_glass_accounts)", [user.user_principal_name]), {"break_glass": true, "exempt": true, "mfa": user.mfa})
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	judged(user)
	not azure.is_break_glass(user)
	not is_null(user.mfa)
	not user.mfa.is_mfa_registered
	r := azure.result("FAIL", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s is not registered for MFA", [user.user_principal_name]), {"is_mfa_registered": false, "methods": user.mfa.methods, "user_type": user.user_type, "account_enabled": true})
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	judged(user)
	not azure.is_break_glass(user)
	user.mfa.is_mfa_registered
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s is registered for MFA", [user.user_principal_name]), {"is_mfa_registered": true, "methods": user.mfa.methods})
}

results contains r if {
	some tenant in input.azure.tenants
	some user in tenant.users
	judged(user)
	not azure.is_break_glass(user)
	is_null(user.mfa)
	r := azure.result("ERROR", tenant.tenant_id, azure.object_resource(tenant, "users", user.id), type, sprintf("%s has no row in the MFA registration report: MFA state unknown", [user.user_principal_name]), {"mfa": null})
}
