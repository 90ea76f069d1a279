# METADATA
# title: The subscription activity log is exported with all security categories
# description: |
#   The Activity Log keeps 90 days and is the first evidence the
#   compromise playbook asks for (Phase 2: "Azure Activity Log export").
#   A subscription passes when one diagnostic setting sends the
#   Administrative, Security, Policy and Alert categories to a Log Analytics
#   workspace, a storage account or an event hub.
# custom:
#   id: azure-activity-log-export
#   severity: high
#   frameworks:
#     cis-azure-foundations-3.0.0: ["6.1.1.1", "6.1.1.2"]
#   mitre: [T1562.008]
#   remediation: |
#     az monitor diagnostic-settings subscription create --name activity-export --location <region>
#       --workspace <workspace-resource-id>
#       --logs '[{"category":"Administrative","enabled":true},{"category":"Security","enabled":true},{"category":"Policy","enabled":true},{"category":"Alert","enabled":true}]'
#   escalation: CISO + SOC Lead
#   requires: ["monitor:ListDiagnosticSettings"]
#   iac: Y
package rampart.azure.activity_log_export

import data.rampart.lib.azure
import rego.v1

type := "Microsoft.Resources/subscriptions"

needed := {"administrative", "security", "policy", "alert"}

enabled(s) := {lower(c.category) | some c in s.categories; c.enabled}

has_destination(s) if object.get(s, "workspace_id", "") != ""

has_destination(s) if object.get(s, "storage_account_id", "") != ""

has_destination(s) if object.get(s, "event_hub_authorization_rule_id", "") != ""

complete(s) if {
	has_destination(s)
	count(needed - enabled(s)) == 0
}

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	is_array(sub.diagnostic_settings)
	some s in sub.diagnostic_settings
	complete(s)
	r := azure.result("PASS", sub.subscription_id, azure.sub_resource(sub), type, sprintf("diagnostic setting %q exports the activity log's security categories", [s.name]), {"setting": s.name, "categories": sort(enabled(s))})
}

results contains r if {
	some tenant in input.azure.tenants
	some sub in tenant.subscriptions
	is_array(sub.diagnostic_settings)
	not any_complete(sub)
	r := azure.result("FAIL", sub.subscription_id, azure.sub_resource(sub), type, sprintf("no diagnostic setting of subscription %s exports %s", [sub.subscription_id, concat(", ", sort(needed))]), {"settings": [{"name": s.name, "categories": sort(enabled(s)), "missing": sort(needed - enabled(s)), "destination": has_destination(s)} | some s in sub.diagnostic_settings]})
}

any_complete(sub) if {
	some s in sub.diagnostic_settings
	complete(s)
}
