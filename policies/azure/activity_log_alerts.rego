# METADATA
# title: Activity log alerts watch policy, role, NSG and security-solution changes
# description: |
#   pb-16 1.1 lists the events that mean an attacker is changing the rules:
#   role assignments, policy changes, network exposure, security tooling.
#   A subscription passes when an enabled activity log alert, scoped to the
#   subscription, matches each of Microsoft.Authorization/policyAssignments/write,
#   Microsoft.Authorization/roleAssignments/write,
#   Microsoft.Network/networkSecurityGroups/write and
#   Microsoft.Security/securitySolutions/write.
# custom:
#   id: azure-activity-log-alerts
#   severity: medium
#   frameworks:
#     cis-azure-foundations-3.0.0: ["6.2.1", "6.2.3", "6.2.5"]
#   mitre: [T1098.003, T1562.001, T1562.007]
#   remediation: |
#     For each missing operation:
#     az monitor activity-log alert create --name <name> --resource-group <rg> --scope /subscriptions/<id>
#       --condition category=Administrative and operationName=<operation> --action-group <action-group-id>
#   escalation: CISO + SOC Lead
#   requires: ["monitor:ListActivityLogAlerts"]
#   iac: Y
package rampart.azure.activity_log_alerts

import data.rampart.lib.azure
import rego.v1

type := "Microsoft.Resources/subscriptions"

operations := {
	"microsoft.authorization/policyassignments/write",
	"microsoft.authorization/roleassignments/write",
	"microsoft.network/networksecuritygroups/write",
	"microsoft.security/securitysolutions/write",
}

# leaves lists an alert's leaf conditions, anyOf branches included.
leaves(alert) := array.concat([c | some c in alert.conditions; not c.any_of], [l | some c in alert.conditions; some l in c.any_of])

watched_by(alert) := {lower(l.equals) | some l in leaves(alert); lower(l.field) == "operationname"}

covers_sub(alert, sub) if {
	some s in alert.scopes
	lower(trim_suffix(s, "/")) == lower(azure.sub_resource(sub))
}

watched(sub) := {op |
	some alert in sub.activity_log_alerts
	alert.enabled
	covers_sub(alert, sub)
	some op in watched_by(alert)
}

missing(sub) := operations - watched(sub)

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	is_array(sub.activity_log_alerts)
	count(missing(sub)) > 0
	r := azure.result("FAIL", sub.subscription_id, azure.sub_resource(sub), type, sprintf("no enabled activity log alert for %s", [concat(", ", sort(missing(sub)))]), {"missing": sort(missing(sub)), "watched": sort(watched(sub) & operations)})
}

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	is_array(sub.activity_log_alerts)
	count(missing(sub)) == 0
	r := azure.result("PASS", sub.subscription_id, azure.sub_resource(sub), type, "activity log alerts watch policy, role, NSG and security-solution changes", {"watched": sort(operations)})
}
