# METADATA
# title: MFA is enforced for all users
# description: |
#   Registration is not enforcement: MFA protects sign-ins only when
#   security defaults or a Conditional Access policy requires it. The tenant
#   passes with security defaults on, or with an enabled Conditional Access
#   policy that covers all users and all cloud apps and requires MFA (the
#   "mfa" grant control, alone or with AND, or an authentication strength),
#   excluding no users other than break-glass accounts, which are listed as
#   exempt. Conditional Access needs Entra ID P1: in a tenant whose SKUs
#   show no P1 there can be no such policy; where P1 is present or unknown
#   but the policies could not be read, the result is ERROR.
# custom:
#   id: azure-mfa-enforced
#   severity: high
#   frameworks:
#     cis-azure-foundations-3.0.0: ["2.1.1"]
#   mitre: [T1078.004, T1110, T1556]
#   remediation: |
#     With Entra ID P1: create a Conditional Access policy for All users / All resources with grant "Require
#     multifactor authentication", excluding only the break-glass accounts (Graph PowerShell:
#     New-MgIdentityConditionalAccessPolicy). Without P1: turn on security defaults
#     (Update-MgPolicyIdentitySecurityDefaultEnforcementPolicy -IsEnabled:$true).
#   escalation: CISO + Cloud team
#   requires: ["graph:GetSecurityDefaults"]
#   iac: N
package rampart.azure.mfa_enforced

import data.rampart.lib.azure
import rego.v1

type := "Microsoft.Graph/tenant"

requires_mfa(p) if {
	"mfa" in p.built_in_controls
	not or_with_others(p)
}

requires_mfa(p) if p.authentication_strength != ""

or_with_others(p) if {
	upper(p.grant_operator) == "OR"
	count(p.built_in_controls) > 1
}

all_clients(p) if count(p.client_app_types) == 0

all_clients(p) if "all" in p.client_app_types

# extra_exclusions are the exclusions that are not break-glass accounts.
extra_exclusions(tenant, p) := array.concat(
	array.concat([u | some u in p.exclude_users; not lower(u) in azure.break_glass_ids(tenant)], p.exclude_groups),
	p.exclude_roles,
)

enforcing(tenant, p) if {
	p.state == "enabled"
	"All" in p.include_users
	"All" in p.include_applications
	requires_mfa(p)
	all_clients(p)
	count(extra_exclusions(tenant, p)) == 0
}

exempt_upns(tenant, p) := sort([u.user_principal_name | some u in tenant.users; u.id in p.exclude_users])

results contains r if {
	some tenant in input.azure.tenants
	tenant.security_defaults.enabled
	r := azure.result("PASS", tenant.tenant_id, azure.tenant_resource(tenant), type, "security defaults are on: MFA is required of all users", {"security_defaults": true})
}

results contains r if {
	some tenant in input.azure.tenants
	not tenant.security_defaults.enabled
	some p in tenant.conditional_access_policies
	enforcing(tenant, p)
	r := azure.result("PASS", tenant.tenant_id, azure.tenant_resource(tenant), type, sprintf("Conditional Access policy %q requires MFA of all users", [p.display_name]), {"security_defaults": false, "policy": p.id, "exempt_break_glass": exempt_upns(tenant, p)})
}

results contains r if {
	some tenant in input.azure.tenants
	tenant.security_defaults.enabled == false
	ca_known_none(tenant)
	r := azure.result("FAIL", tenant.tenant_id, azure.tenant_resource(tenant), type, "neither security defaults nor a Conditional Access policy requires MFA of all users", {"security_defaults": false, "near_misses": near_misses(tenant), "entra_id_p1": object.get(tenant, ["licences", "entra_id_p1"], null)})
}

results contains r if {
	some tenant in input.azure.tenants
	tenant.security_defaults.enabled == false
	is_null(tenant.conditional_access_policies)
	not azure.no_p1(tenant)
	r := azure.result("ERROR", tenant.tenant_id, azure.tenant_resource(tenant), type, sprintf("security defaults are off and Conditional Access policies are unknown (they need Entra ID P1): %s", [azure.gap_reason(tenant.tenant_id, "ListConditionalAccessPolicies")]), {"security_defaults": false})
}

# ca_known_none holds when no Conditional Access policy enforces MFA for
# all: none collected does, or the tenant has no P1 and so can have none.
ca_known_none(tenant) if {
	is_array(tenant.conditional_access_policies)
	not any_enforcing(tenant)
}

ca_known_none(tenant) if {
	is_null(tenant.conditional_access_policies)
	azure.no_p1(tenant)
}

any_enforcing(tenant) if {
	some p in tenant.conditional_access_policies
	enforcing(tenant, p)
}

near_misses(tenant) := [{"policy": p.display_name, "state": p.state, "excluded": extra_exclusions(tenant, p)} |
	some p in tenant.conditional_access_policies
	requires_mfa(p)
]
