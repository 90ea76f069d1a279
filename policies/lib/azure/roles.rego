# METADATA
# description: |
#   Who holds which role: directory roles and Azure RBAC roles, active and
#   eligible (PIM), assigned directly or held through a group (group
#   membership and PIM for Groups eligibility), as one set of grants per
#   tenant. Reading only PIM schedules misses admins assigned directly;
#   reading only role assignments misses eligible ones; both are read here.
package rampart.lib.azure.roles

import rego.v1

# privileged_directory_roles maps the template IDs of the directory roles
# that can take over the tenant, or its identities, to their names.
privileged_directory_roles := {
	"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
}

global_admin := "62e90394-69f5-4237-9190-012177145e10"

# Azure RBAC built-in roles, by the GUID that ends their role definition ID.
owner := "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

user_access_admin := "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"

contributor := "b24988ac-6180-42a0-ab88-20f7382dd24c"

rbac_admin := "f58310d9-a9f6-439a-9e8d-f62e7b41a168"

rbac_names := {
	owner: "Owner",
	user_access_admin: "User Access Administrator",
	contributor: "Contributor",
	rbac_admin: "Role Based Access Control Administrator",
}

# privileged_rbac_roles can grant themselves anything in their scope.
privileged_rbac_roles := {owner, user_access_admin}

# role_guid is the last segment of an ARM role definition ID.
role_guid(id) := lower(regex.replace(id, `^.*/`, ""))

# directory_role_name names a directory role from the tenant's definitions,
# else from the privileged list, else by its ID.
directory_role_name(tenant, id) := name if {
	some d in tenant.directory_role_definitions
	lower(d.id) == lower(id)
	name := d.display_name
} else := privileged_directory_roles[lower(id)] if {
	true
} else := id

rbac_role_name(sub, id) := rbac_names[role_guid(id)] if {
	true
} else := name if {
	some d in sub.custom_roles
	role_guid(d.id) == role_guid(id)
	name := d.role_name
} else := id

# direct_grants are the tenant's role grants to their principals as
# assigned: directory roles tenant-wide (scope "/") and Azure RBAC roles of
# every collected subscription. kind is "active" or "eligible".
direct_grants(tenant) := ((dir_active(tenant) | dir_eligible(tenant)) | rbac_active(tenant)) | rbac_eligible(tenant)

dir_active(tenant) := {g |
	some a in tenant.directory_role_assignments
	g := grant("directory", tenant.tenant_id, a, "active", lower(a.role_definition_id), directory_role_name(tenant, a.role_definition_id))
}

dir_eligible(tenant) := {g |
	some a in tenant.directory_role_eligibilities
	g := grant("directory", tenant.tenant_id, a, "eligible", lower(a.role_definition_id), directory_role_name(tenant, a.role_definition_id))
}

rbac_active(tenant) := {g |
	some sub in tenant.subscriptions
	some a in sub.role_assignments
	g := grant("rbac", sub.subscription_id, a, "active", role_guid(a.role_definition_id), rbac_role_name(sub, a.role_definition_id))
}

rbac_eligible(tenant) := {g |
	some sub in tenant.subscriptions
	some a in sub.role_eligibilities
	g := grant("rbac", sub.subscription_id, a, "eligible", role_guid(a.role_definition_id), rbac_role_name(sub, a.role_definition_id))
}

grant(plane, account, a, kind, role, name) := {
	"plane": plane,
	"account": account,
	"principal_id": lower(a.principal_id),
	"principal_type": object.get(a, "principal_type", ""),
	"role": role,
	"role_name": name,
	"scope": a.scope,
	"kind": kind,
	"assignment": a.id,
	"via_group": "",
}

# grants are direct_grants plus, for every grant to a group, the same grant
# to each member of the group (transitive members hold it as the group
# does; PIM for Groups eligible members hold it only as eligible).
grants(tenant) := direct_grants(tenant) | via_groups(tenant)

via_groups(tenant) := {x |
	some g in direct_grants(tenant)
	some grp in tenant.groups
	lower(grp.id) == g.principal_id
	some m in grp.members
	x := object.union(g, {"principal_id": lower(m.id), "principal_type": m.type, "via_group": grp.id})
} | {x |
	some g in direct_grants(tenant)
	some grp in tenant.groups
	lower(grp.id) == g.principal_id
	some m in grp.eligible_members
	x := object.union(g, {"principal_id": lower(m.principal_id), "principal_type": "user", "via_group": grp.id, "kind": "eligible"})
}

# privileged holds for a grant of a privileged directory role or of Owner /
# User Access Administrator.
privileged(g) if {
	g.plane == "directory"
	privileged_directory_roles[g.role]
}

privileged(g) if {
	g.plane == "rbac"
	g.role in privileged_rbac_roles
}

# privileged_grants_of lists a principal's privileged grants, for evidence.
privileged_grants_of(tenant, id) := [describe(g) |
	some g in grants(tenant)
	g.principal_id == lower(id)
	privileged(g)
]

describe(g) := {"role": g.role_name, "plane": g.plane, "scope": g.scope, "kind": g.kind, "via_group": g.via_group}

# eligibility_gap is a reason why eligible (PIM) grants may be missing from
# grants(tenant); undefined when they are all known. A tenant without
# Entra ID P2 (per its subscribed SKUs) has no PIM, so nothing is missing.
eligibility_gap(tenant) := reason if {
	is_null(tenant.directory_role_eligibilities)
	not tenant.licences.entra_id_p2 == false
	reason := sprintf("eligible (PIM) directory role assignments are unknown: %s", [gap_reason(tenant, "ListRoleEligibilityScheduleInstances")])
} else := reason if {
	some grp in tenant.groups
	is_null(grp.eligible_members)
	not tenant.licences.entra_id_p2 == false
	reason := sprintf("PIM for Groups eligibilities of group %s are unknown: %s", [grp.id, gap_reason(tenant, "ListGroupEligibilityScheduleInstances")])
} else := reason if {
	some grp in tenant.groups
	is_null(grp.members)
	reason := sprintf("members of group %s are unknown: %s", [grp.id, gap_reason(tenant, "ListGroupMembers")])
}

gap_reason(tenant, op) := data.rampart.lib.azure.gap_reason(tenant.tenant_id, op)
