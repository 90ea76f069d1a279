package rampart.azure.activity_log_export_test

import data.rampart.azure.activity_log_export as ale
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

setting(cats, ws) := {"id": "ds", "name": "export", "workspace_id": ws, "categories": [{"category": c, "enabled": true} | some c in cats]}

statuses(settings) := {r.status | some r in ale.results with input as f.world([f.tenant({"subscriptions": [f.subscription({"diagnostic_settings": settings})]})])}

all_cats := ["Administrative", "Security", "Policy", "Alert", "ServiceHealth"]

test_passes_complete_export if {
	statuses([setting(all_cats, "/subscriptions/x/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/w")]) == {"PASS"}
}

test_fails_without_settings if {
	statuses([]) == {"FAIL"}
}

test_fails_missing_security_category if {
	statuses([setting(["Administrative", "Policy", "Alert"], "/w")]) == {"FAIL"}
}

test_fails_without_destination if {
	statuses([setting(all_cats, "")]) == {"FAIL"}
}

test_disabled_category_does_not_count if {
	s := {"id": "ds", "name": "x", "workspace_id": "/w", "categories": [{"category": "Administrative", "enabled": true}, {"category": "Security", "enabled": false}, {"category": "Policy", "enabled": true}, {"category": "Alert", "enabled": true}]}
	statuses([s]) == {"FAIL"}
}

# Not collected: no verdict here; the engine reports the collection error.
test_no_verdict_when_not_collected if {
	statuses(null) == set()
}
