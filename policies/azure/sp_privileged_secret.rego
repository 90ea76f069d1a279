# METADATA
# title: Privileged service principals do not authenticate with client secrets
# description: |
#   A client secret of a service principal that is Owner of a subscription
#   or a Global Administrator is a stolen-key incident waiting to happen
#   (compromise playbook: "Azure service principal secrets"; prefer managed
#   identities). A service principal holding a privileged directory role, or
#   Owner / User Access Administrator / Contributor on a subscription
#   (directly or through a group, active or eligible), fails when it or its
#   application has an unexpired password credential; one that uses only
#   certificates, federated credentials or a managed identity passes.
# custom:
#   id: azure-sp-privileged-secret
#   severity: high
#   frameworks: {}
#   mitre: [T1098.001, T1552, T1078.004]
#   remediation: |
#     Move the workload to a managed identity or a federated credential (az ad app federated-credential create),
#     or a certificate, then remove the secret:
#     az ad app credential delete --id <app-id> --key-id <key-id>
#     Remove-MgServicePrincipalPassword -ServicePrincipalId <sp-object-id> -KeyId <key-id>
#   escalation: CISO + Cloud team
#   requires: ["graph:ListServicePrincipals", "graph:ListApplications", "graph:ListRoleAssignments", "authorization:ListRoleAssignments"]
#   iac: P
package rampart.azure.sp_privileged_secret

import data.rampart.lib.azure
import data.rampart.lib.azure.roles
import rego.v1

type := "Microsoft.Graph/servicePrincipals"

strong(g) if roles.privileged(g)

strong(g) if {
	g.plane == "rbac"
	g.role in {roles.owner, roles.user_access_admin, roles.contributor}
}

held(tenant, sp) := [roles.describe(g) |
	some g in roles.grants(tenant)
	g.principal_id == lower(sp.id)
	strong(g)
]

app_of(tenant, sp) := a if {
	some a in tenant.applications
	lower(a.app_id) == lower(sp.app_id)
} else := {}

live(c) if is_null(c.end)

live(c) if {
	not is_null(c.end)
	not azure.before_now(c.end)
}

secrets(tenant, sp) := array.concat(
	[{"on": "servicePrincipal", "key_id": c.key_id, "end": c.end} | some c in sp.password_credentials; live(c)],
	[{"on": "application", "key_id": c.key_id, "end": c.end} | some c in object.get(app_of(tenant, sp), "password_credentials", []); live(c)],
)

alternatives(tenant, sp) := {
	"managed_identity": sp.service_principal_type == "ManagedIdentity",
	"certificates": count(sp.key_credentials) + count(object.get(app_of(tenant, sp), "key_credentials", [])),
	"federated_credentials": count(object.get(app_of(tenant, sp), "federated_credentials", [])),
}

results contains r if {
	some tenant in input.azure.tenants
	some sp in tenant.service_principals
	h := held(tenant, sp)
	count(h) > 0
	s := secrets(tenant, sp)
	count(s) > 0
	r := azure.result("FAIL", tenant.tenant_id, azure.object_resource(tenant, "servicePrincipals", sp.id), type, sprintf("%s holds %s and authenticates with %d client secret(s)", [sp.display_name, concat(", ", sort({x.role | some x in h})), count(s)]), {"roles": h, "secrets": s, "alternatives": alternatives(tenant, sp)})
}

results contains r if {
	some tenant in input.azure.tenants
	some sp in tenant.service_principals
	h := held(tenant, sp)
	count(h) > 0
	count(secrets(tenant, sp)) == 0
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, "servicePrincipals", sp.id), type, sprintf("%s holds %s and has no client secret", [sp.display_name, concat(", ", sort({x.role | some x in h}))]), {"roles": h, "alternatives": alternatives(tenant, sp)})
}
