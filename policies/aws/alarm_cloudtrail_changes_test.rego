package rampart.aws.alarm_cloudtrail_changes_test

import data.rampart.aws.alarm_cloudtrail_changes
import rego.v1

cis := `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`

account(p) := {"aws": {"accounts": [{
	"account_id": "111111111111", "partition": "aws",
	"trails": [{
		"name": "t", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/t", "multi_region": true, "is_logging": true,
		"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}], "advanced_event_selectors": null,
		"cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111111111111:log-group:trail-logs:*",
	}],
	"regions": [{
		"name": "us-east-1",
		"metric_filters": [{"name": "f", "log_group": "trail-logs", "pattern": p, "metric_transformations": [{"metric_name": "CT", "metric_namespace": "CIS"}]}],
		"alarms": [{"name": "a", "metric_name": "CT", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111111111111:sec"]}],
	}],
}]}}

status(p) := r.status if {
	some r in alarm_cloudtrail_changes.results with input as account(p)
}

test_passes_cis_pattern if {
	status(cis) == "PASS"
}

test_fails_without_stop_logging if {
	status(`{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }`) == "FAIL"
}

test_fails_and_joined if {
	status(`{ ($.eventName = CreateTrail) && ($.eventName = StopLogging) }`) == "FAIL"
}
