# METADATA
# title: Application and service principal secrets expire within a year
# description: |
#   A client secret is a password that leaks into code, pipelines and
#   chat; the compromise playbook names "Azure service principal secrets"
#   among stolen API keys. A secret with no expiry, or valid for more than
#   thresholds.azure_secret_lifetime_days (365) from its start, fails.
# custom:
#   id: azure-sp-long-lived-secret
#   severity: medium
#   frameworks: {}
#   mitre: [T1098.001, T1552]
#   remediation: |
#     Replace the secret with a certificate, a federated credential or a managed identity; if a secret must stay,
#     issue one that expires within a year and remove the old one:
#     az ad app credential reset --id <app-id> --years 1 --append
#     az ad app credential delete --id <app-id> --key-id <key-id>
#   escalation: Cloud team
#   requires: ["graph:ListApplications", "graph:ListServicePrincipals"]
#   iac: P
package rampart.azure.sp_long_lived_secret

import data.rampart.lib.azure
import data.rampart.lib.time as clock
import rego.v1

owners(tenant) := array.concat(
	[["applications", "Microsoft.Graph/applications", a] | some a in tenant.applications],
	[["servicePrincipals", "Microsoft.Graph/servicePrincipals", sp] | some sp in tenant.service_principals],
)

lifetime_days(c) := floor((time.parse_rfc3339_ns(c.end) - time.parse_rfc3339_ns(c.start)) / clock.ns_per_day)

results contains r if {
	some tenant in input.azure.tenants
	some [kind, type, o] in owners(tenant)
	some c in o.password_credentials
	[status, msg] := judge(c)
	r := azure.result(status, tenant.tenant_id, sprintf("%s/passwordCredentials/%s", [azure.object_resource(tenant, kind, o.id), c.key_id]), type, sprintf("secret %q of %s %s", [object.get(c, "display_name", ""), o.display_name, msg]), {"key_id": c.key_id, "start": c.start, "end": c.end, "max_days": azure.secret_lifetime_days})
}

judge(c) := ["FAIL", "never expires"] if {
	is_null(c.end)
} else := ["FAIL", sprintf("expires in %s: in effect never", [substring(c.end, 0, 4)])] if {
	azure.far_future(c.end)
} else := ["FAIL", sprintf("is valid for %d days", [lifetime_days(c)])] if {
	lifetime_days(c) > azure.secret_lifetime_days
} else := ["PASS", sprintf("is valid for %d days", [lifetime_days(c)])] if {
	not is_null(c.start)
} else := ["ERROR", "has an end but no start date: lifetime unknown"]
