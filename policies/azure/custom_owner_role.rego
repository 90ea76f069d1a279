# METADATA
# title: No custom role grants every action at subscription or management-group scope
# description: |
#   A custom role with "*" actions assignable at a subscription, a
#   management group or "/" is an Owner that hides behind a custom name:
#   reviews of "who is Owner" miss it. Roles confined to resource groups
#   are not judged by this control.
# custom:
#   id: azure-custom-owner-role
#   severity: high
#   frameworks:
#     cis-azure-foundations-3.0.0: ["2.23"]
#   mitre: [T1098.003]
#   remediation: |
#     Replace "*" with the actions the role needs, or delete the role once unassigned:
#     az role definition list --custom-role-only true --query "[?contains(permissions[0].actions, '*')]"
#     az role definition delete --name "<role name>"
#   escalation: Cloud team
#   requires: ["authorization:ListRoleDefinitions"]
#   iac: Y
package rampart.azure.custom_owner_role

import data.rampart.lib.azure
import rego.v1

type := "Microsoft.Authorization/roleDefinitions"

wide(scope) if scope == "/"

wide(scope) if regex.match(`^/subscriptions/[^/]+/?$`, lower(scope))

wide(scope) if regex.match(`^/providers/microsoft\.management/managementgroups/[^/]+/?$`, lower(scope))

wide_scopes(role) := [s | some s in role.assignable_scopes; wide(s)]

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	some role in sub.custom_roles
	"*" in role.actions
	count(wide_scopes(role)) > 0
	r := azure.result("FAIL", sub.subscription_id, role.id, type, sprintf("custom role %q allows every action at %s", [role.role_name, concat(", ", wide_scopes(role))]), {"actions": role.actions, "not_actions": role.not_actions, "assignable_scopes": role.assignable_scopes})
}

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	some role in sub.custom_roles
	not owner_like(role)
	r := azure.result("PASS", sub.subscription_id, role.id, type, sprintf("custom role %q does not allow every action at subscription scope or above", [role.role_name]), {"actions": role.actions, "assignable_scopes": role.assignable_scopes})
}

owner_like(role) if {
	"*" in role.actions
	count(wide_scopes(role)) > 0
}
