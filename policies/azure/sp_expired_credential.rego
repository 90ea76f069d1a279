# METADATA
# title: No expired credential is left on an application
# description: |
#   An expired secret or certificate still listed on an application is
#   rotation left half done (compromise playbook Phase 4: rotate): it hides
#   which credential is live and invites reuse. Each expired credential of
#   an application or service principal fails; an application with none
#   passes. "Now" is the snapshot's time.
# custom:
#   id: azure-sp-expired-credential
#   severity: low
#   frameworks: {}
#   mitre: [T1098.001]
#   remediation: |
#     Remove the expired credential:
#     az ad app credential delete --id <app-id> --key-id <key-id> [--cert]
#     Remove-MgServicePrincipalPassword -ServicePrincipalId <sp-object-id> -KeyId <key-id>
#   escalation: Cloud team
#   requires: ["graph:ListApplications", "graph:ListServicePrincipals"]
#   iac: N
package rampart.azure.sp_expired_credential

import data.rampart.lib.azure
import rego.v1

owners(tenant) := array.concat(
	[["applications", "Microsoft.Graph/applications", a] | some a in tenant.applications],
	[["servicePrincipals", "Microsoft.Graph/servicePrincipals", sp] | some sp in tenant.service_principals],
)

credentials(o) := array.concat(
	[object.union(c, {"kind": "password"}) | some c in o.password_credentials],
	[object.union(c, {"kind": "key"}) | some c in o.key_credentials],
)

expired(o) := [c |
	some c in credentials(o)
	not is_null(c.end)
	azure.before_now(c.end)
]

results contains r if {
	some tenant in input.azure.tenants
	some [kind, type, o] in owners(tenant)
	some c in expired(o)
	r := azure.result("FAIL", tenant.tenant_id, sprintf("%s/%sCredentials/%s", [azure.object_resource(tenant, kind, o.id), c.kind, c.key_id]), type, sprintf("%s credential %s of %s expired on %s and is still present", [c.kind, c.key_id, o.display_name, c.end]), {"key_id": c.key_id, "kind": c.kind, "end": c.end})
}

results contains r if {
	some tenant in input.azure.tenants
	some [kind, type, o] in owners(tenant)
	count(credentials(o)) > 0
	count(expired(o)) == 0
	r := azure.result("PASS", tenant.tenant_id, azure.object_resource(tenant, kind, o.id), type, sprintf("%s has no expired credential", [o.display_name]), {"credentials": count(credentials(o))})
}
