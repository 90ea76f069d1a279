package rampart.azure.defender_plans_test

import data.rampart.azure.defender_plans as dp
import data.rampart.lib.azure.fixtures_test as f
import rego.v1

by_plan(pricings) := {p: r.status |
	some r in dp.results with input as f.world([f.tenant({"subscriptions": [f.subscription({"defender_pricings": pricings})]})])
	p := r.evidence.plan
}

test_standard_passes_free_fails if {
	got := by_plan([{"name": "VirtualMachines", "pricing_tier": "Standard", "sub_plan": "P2"}, {"name": "KeyVaults", "pricing_tier": "Free"}])
	got.VirtualMachines == "PASS"
	got.KeyVaults == "FAIL"
}

test_unlisted_plan_fails if {
	by_plan([]).Containers == "FAIL"
}

test_six_results_per_subscription if {
	count(by_plan([])) == 6
}

test_no_verdict_when_not_collected if {
	count(dp.results) == 0 with input as f.world([f.tenant({"subscriptions": [f.subscription({"defender_pricings": null})]})])
}
