# METADATA
# title: Privileged directory roles activate through PIM for at most 2 hours, with approval
# description: |
#   pb-16's least-privilege model: "Admin: PIM-protected, JIT 2h max,
#   requires approval". Each privileged directory role's PIM setting is
#   judged: a maximum activation longer than azure.max_activation_hours, or
#   activation without approval, fails. PIM settings need Entra ID P2:
#   without it the result is ERROR naming the licence.
# custom:
#   id: azure-pim-activation-policy
#   severity: high
#   frameworks: {}
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Entra admin center > Identity Governance > Privileged Identity Management > Microsoft Entra roles > Settings > <role>:
#     "Activation maximum duration" at most 2 hours and "Require approval to activate". With Graph PowerShell:
#     Update-MgPolicyRoleManagementPolicyRule -UnifiedRoleManagementPolicyId <policy-id> -UnifiedRoleManagementPolicyRuleId Expiration_EndUser_Assignment ...
#   escalation: CISO + Cloud team
#   requires: ["graph:ListRoleManagementPolicyAssignments"]
#   iac: N
package rampart.azure.pim_activation_policy

import data.rampart.lib.azure
import data.rampart.lib.azure.roles
import rego.v1

type := "Microsoft.Graph/roleManagementPolicies"

policy_for(tenant, role) := p if {
	some p in tenant.role_management_policies
	lower(p.role_definition_id) == role
}

problems(p) := [x |
	some x in [too_long(p), no_approval(p)]
	x != ""
]

too_long(p) := sprintf("activation lasts up to %d minutes (at most %d)", [p.max_activation_minutes, azure.max_activation_hours * 60]) if {
	p.max_activation_minutes > azure.max_activation_hours * 60
} else := ""

no_approval(p) := "activation needs no approval" if {
	p.approval_required == false
} else := ""

unknown(p) if is_null(p.max_activation_minutes)

unknown(p) if is_null(p.approval_required)

results contains r if {
	some tenant in input.azure.tenants
	is_array(tenant.role_management_policies)
	some role, name in roles.privileged_directory_roles
	p := policy_for(tenant, role)
	not unknown(p)
	ps := problems(p)
	count(ps) > 0
	r := azure.result("FAIL", tenant.tenant_id, azure.object_resource(tenant, "roleManagementPolicies", p.policy_id), type, sprintf("%s: %s", [name, concat("; ", ps)]), evidence(p, name))
}

results contains r if {
	some tenant in input.azure.tenants
	is_array(tenant.role_management_policies)
	some role, name in roles.privileged_directory_roles
	p := policy_for(tenant, role)
	not unknown(p)
	count(problems(p)) == 0
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "roleManagementPolicies", p.policy_id), type, sprintf("%s: activation lasts at most %d minutes and needs approval", [name, p.max_activation_minutes]), evidence(p, name))
}

results contains r if {
	some tenant in input.azure.tenants
	is_array(tenant.role_management_policies)
	some role, name in roles.privileged_directory_roles
	p := policy_for(tenant, role)
	unknown(p)
	r := azure.result("ERROR", tenant.tenant_id, azure.object_resource(tenant, "roleManagementPolicies", p.policy_id), type, sprintf("%s: the PIM setting has no readable expiration or approval rule", [name]), evidence(p, name))
}

results contains r if {
	some tenant in input.azure.tenants
	is_array(tenant.role_management_policies)
	some role, name in roles.privileged_directory_roles
	not policy_for(tenant, role)
	r := azure.result("ERROR", tenant.tenant_id, sprintf("%s/roleDefinitions/%s", [azure.tenant_resource(tenant), role]), type, sprintf("%s: no PIM setting was returned for the role", [name]), {"role": name})
}

evidence(p, name) := {"role": name, "max_activation_duration": object.get(p, "max_activation_duration", ""), "max_activation_minutes": p.max_activation_minutes, "approval_required": p.approval_required, "max_allowed_hours": azure.max_activation_hours}
