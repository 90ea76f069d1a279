# METADATA
# title: Global Administrator, Owner and User Access Administrator are PIM-eligible, not permanent
# description: |
#   pb-16's least-privilege model: admin roles are "PIM-protected, JIT 2h
#   max". An active assignment with no end that is not a PIM activation is
#   standing privilege a stolen session can use at once. Every active
#   Global Administrator assignment (directory) and Owner / User Access
#   Administrator assignment (subscriptions) is judged: a PIM activation or
#   a time-bound assignment passes, a permanent one fails; eligible
#   assignments pass. Directly assigned admins are read from the role
#   assignments themselves, so they are seen even when PIM data is missing.
#   Without Entra ID P2 (per the tenant's SKUs) there is no PIM, so every
#   active assignment is permanent; where P2 is present or unknown but PIM
#   data could not be read, the result is ERROR.
# custom:
#   id: azure-permanent-privileged-assignment
#   severity: high
#   frameworks: {}
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Convert the assignment to PIM-eligible (Entra admin center > Identity Governance > Privileged Identity
#     Management > Assignments > Update), or for Azure roles:
#     az rest --method put --url "https://management.azure.com/<scope>/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/<guid>?api-version=2020-10-01" ...
#     then remove the active one: az role assignment delete --ids <assignment-id>
#   escalation: CISO + Cloud team
#   requires: ["graph:ListRoleAssignments", "authorization:ListRoleAssignments"]
#   iac: P
package rampart.azure.permanent_privileged_assignment

import data.rampart.lib.azure
import data.rampart.lib.azure.roles
import rego.v1

dir_type := "Microsoft.Graph/roleAssignments"

rbac_type := "Microsoft.Authorization/roleAssignments"

judged_rbac := {roles.owner, roles.user_access_admin}

principal_name(tenant, id) := u.user_principal_name if {
	some u in tenant.users
	lower(u.id) == lower(id)
} else := sp.display_name if {
	some sp in tenant.service_principals
	lower(sp.id) == lower(id)
} else := g.display_name if {
	some g in tenant.groups
	lower(g.id) == lower(id)
} else := id

# schedule finds the PIM instance behind an active assignment.
schedule(schedules, a, role) := s if {
	some s in schedules
	lower(s.principal_id) == lower(a.principal_id)
	roles.role_guid(s.role_definition_id) == role
	lower(s.scope) == lower(a.scope)
}

# Directory: Global Administrator.
results contains r if {
	some tenant in input.azure.tenants
	some a in tenant.directory_role_assignments
	lower(a.role_definition_id) == roles.global_admin
	[status, why] := verdict_for(tenant, tenant.directory_role_assignment_schedules, a, roles.global_admin)
	r := azure.result(status, tenant.tenant_id, azure.object_resource(tenant, "roleAssignments", a.id), dir_type, sprintf("Global Administrator assignment of %s is %s", [principal_name(tenant, a.principal_id), why]), {"principal_id": a.principal_id, "principal_type": a.principal_type, "role": "Global Administrator", "kind": "active"})
}

results contains r if {
	some tenant in input.azure.tenants
	some e in tenant.directory_role_eligibilities
	lower(e.role_definition_id) == roles.global_admin
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "roleEligibilities", e.id), dir_type, sprintf("Global Administrator is eligible (PIM) for %s", [principal_name(tenant, e.principal_id)]), {"principal_id": e.principal_id, "role": "Global Administrator", "kind": "eligible", "end": e.end})
}

# Subscriptions: Owner and User Access Administrator.
results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	some a in sub.role_assignments
	role := roles.role_guid(a.role_definition_id)
	role in judged_rbac
	[status, why] := verdict_for(tenant, sub.role_assignment_schedules, a, role)
	r := azure.result(status, sub.subscription_id, a.id, rbac_type, sprintf("%s assignment of %s at %s is %s", [roles.rbac_names[role], principal_name(tenant, a.principal_id), a.scope, why]), {"principal_id": a.principal_id, "principal_type": a.principal_type, "role": roles.rbac_names[role], "scope": a.scope, "kind": "active"})
}

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	some e in sub.role_eligibilities
	role := roles.role_guid(e.role_definition_id)
	role in judged_rbac
	r := azure.result("PASS", sub.subscription_id, e.id, rbac_type, sprintf("%s at %s is eligible (PIM) for %s", [roles.rbac_names[role], e.scope, principal_name(tenant, e.principal_id)]), {"principal_id": e.principal_id, "role": roles.rbac_names[role], "scope": e.scope, "kind": "eligible", "end": e.end})
}

verdict_for(tenant, schedules, a, role) := v if {
	schedule(schedules, a, role).assignment_type == "Activated"
	v := ["PASS", "a just-in-time PIM activation"]
} else := v if {
	s := schedule(schedules, a, role)
	s.assignment_type == "Assigned"
	not is_null(s.end)
	v := ["PASS", sprintf("time-bound (ends %s)", [s.end])]
} else := ["FAIL", "permanent"] if {
	is_array(schedules)
} else := ["FAIL", "permanent (the tenant has no Entra ID P2, so it cannot be PIM-eligible)"] if {
	azure.no_p2(tenant)
} else := ["ERROR", "undecided: PIM assignment schedules were not collected, so an activation cannot be told from a permanent assignment"]
