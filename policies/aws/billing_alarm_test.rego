package rampart.aws.billing_alarm_test

import data.rampart.aws.billing_alarm
import rego.v1

billing := {"name": "bill", "metric_name": "EstimatedCharges", "namespace": "AWS/Billing", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111111111111:finops"]}

status(budgets, alarms) := r.status if {
	some r in billing_alarm.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "budgets": budgets, "regions": [{"name": "us-east-1", "alarms": alarms}]}]}}
}

test_passes_with_budget if {
	status([{"name": "monthly", "type": "COST"}], []) == "PASS"
}

test_passes_with_billing_alarm if {
	status([], [billing]) == "PASS"
}

test_fails_with_neither if {
	status([], []) == "FAIL"
}

test_fails_alarm_without_actions if {
	status([], [object.union(billing, {"alarm_actions": []})]) == "FAIL"
}

test_fails_alarm_on_other_metric if {
	status([], [object.union(billing, {"namespace": "AWS/EC2", "metric_name": "CPUUtilization"})]) == "FAIL"
}

# A billing alarm decides even when budgets could not be read.
test_passes_alarm_with_budgets_unknown if {
	status(null, [billing]) == "PASS"
}

test_error_when_nothing_found_and_budgets_unknown if {
	status(null, []) == "ERROR"
}

test_error_when_nothing_found_and_alarms_unknown if {
	status([], null) == "ERROR"
}

test_fails_alarm_with_null_actions if {
	status([], [object.union(billing, {"alarm_actions": null})]) == "FAIL"
}
