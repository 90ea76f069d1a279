# METADATA
# title: Defender for Cloud plans are on the Standard tier
# description: |
#   pb-16 4.3: enable Defender for Cloud. Each of the VirtualMachines,
#   KeyVaults, StorageAccounts, Arm, SqlServers and Containers plans of a
#   subscription is judged: Standard passes; Free, or a plan the
#   subscription does not list, fails.
# custom:
#   id: azure-defender-plans
#   severity: high
#   frameworks: {}
#   mitre: [T1562.001, T1078.004]
#   remediation: |
#     az security pricing create --name <plan> --tier Standard --subscription <id>
#   escalation: CISO + SOC Lead
#   requires: ["security:ListPricings"]
#   iac: Y
package rampart.azure.defender_plans

import data.rampart.lib.azure
import rego.v1

type := "Microsoft.Security/pricings"

plans := ["VirtualMachines", "KeyVaults", "StorageAccounts", "Arm", "SqlServers", "Containers"]

tier(sub, plan) := p.pricing_tier if {
	some p in sub.defender_pricings
	lower(p.name) == lower(plan)
} else := "not listed"

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	is_array(sub.defender_pricings)
	some plan in plans
	t := tier(sub, plan)
	status := verdict(t)
	r := azure.result(status, sub.subscription_id, sprintf("%s/providers/Microsoft.Security/pricings/%s", [azure.sub_resource(sub), plan]), type, sprintf("Defender plan %s is %s", [plan, t]), {"plan": plan, "pricing_tier": t})
}

verdict(t) := "PASS" if lower(t) == "standard"

else := "FAIL"
