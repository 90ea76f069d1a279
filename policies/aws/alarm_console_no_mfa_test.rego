package rampart.aws.alarm_console_no_mfa_test

import data.rampart.aws.alarm_console_no_mfa
import rego.v1

account(p) := {"aws": {"accounts": [{
	"account_id": "111111111111", "partition": "aws",
	"trails": [{
		"name": "t", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/t", "multi_region": true, "is_logging": true,
		"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}], "advanced_event_selectors": null,
		"cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111111111111:log-group:trail-logs:*",
	}],
	"regions": [{
		"name": "us-east-1",
		"metric_filters": [{"name": "f", "log_group": "trail-logs", "pattern": p, "metric_transformations": [{"metric_name": "NoMFA", "metric_namespace": "CIS"}]}],
		"alarms": [{"name": "a", "metric_name": "NoMFA", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111111111111:sec"]}],
	}],
}]}}

status(p) := r.status if {
	some r in alarm_console_no_mfa.results with input as account(p)
}

test_passes_cis_pattern if {
	status(`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`) == "PASS"
}

test_passes_cis_sso_variant if {
	status(`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`) == "PASS"
}

test_fails_without_mfa_term if {
	status(`{ ($.eventName = "ConsoleLogin") && ($.responseElements.ConsoleLogin = "Failure") }`) == "FAIL"
}

test_fails_mfa_term_inverted if {
	status(`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "Yes") }`) == "FAIL"
}
