package rampart.aws.alarm_root_usage_test

import data.rampart.aws.alarm_root_usage
import rego.v1

pattern := `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`

log_group_arn := "arn:aws:logs:us-east-1:111111111111:log-group:org-trail:*"

trail(fields) := object.union(
	{
		"name": "org-trail", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail",
		"multi_region": true, "is_logging": true,
		"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}],
		"advanced_event_selectors": null, "cloudwatch_logs_log_group_arn": log_group_arn,
	},
	fields,
)

filter(p) := {"name": "root-usage", "log_group": "org-trail", "pattern": p, "metric_transformations": [{"metric_name": "RootUsage", "metric_namespace": "CIS"}]}

alarm(fields) := object.union({"name": "root-usage", "metric_name": "RootUsage", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111111111111:sec"]}, fields)

region(filters, alarms) := {"name": "us-east-1", "metric_filters": filters, "alarms": alarms}

management(trails, filters, alarms) := {"account_id": "111111111111", "partition": "aws", "trails": trails, "regions": [region(filters, alarms)]}

snapshot(accounts) := {"aws": {"accounts": accounts}}

result(accounts, id) := r if {
	some r in alarm_root_usage.results with input as snapshot(accounts)
	r.account == id
}

status(trails, filters, alarms) := result([management(trails, filters, alarms)], "111111111111").status

test_passes_cis_filter_with_alarm if {
	status([trail({})], [filter(pattern)], [alarm({})]) == "PASS"
}

test_fails_without_filter if {
	status([trail({})], [], [alarm({})]) == "FAIL"
}

test_fails_filter_without_alarm if {
	status([trail({})], [filter(pattern)], []) == "FAIL"
}

test_fails_alarm_without_actions if {
	status([trail({})], [filter(pattern)], [alarm({"alarm_actions": []})]) == "FAIL"
	status([trail({})], [filter(pattern)], [alarm({"alarm_actions": null})]) == "FAIL"
	status([trail({})], [filter(pattern)], [alarm({"actions_enabled": false})]) == "FAIL"
}

test_fails_alarm_on_other_metric if {
	status([trail({})], [filter(pattern)], [alarm({"metric_name": "Other"})]) == "FAIL"
}

test_fails_filter_on_other_log_group if {
	f := object.union(filter(pattern), {"log_group": "app-logs"})
	status([trail({})], [f], [alarm({})]) == "FAIL"
}

test_fails_narrowed_pattern if {
	r := result([management([trail({})], [filter(`{ $.userIdentity.type = "Root" && $.sourceIPAddress = "203.0.113.7" }`)], [alarm({})])], "111111111111")
	r.status == "FAIL"
	r.evidence.log_groups[0].filters[0].problems == ["term $.sourceIPAddress = 203.0.113.7 is not in the CIS pattern"]
}

test_fails_when_trail_single_region if {
	status([trail({"multi_region": false})], [filter(pattern)], [alarm({})]) == "FAIL"
}

test_fails_when_trail_has_no_log_group if {
	status([trail({"cloudwatch_logs_log_group_arn": ""})], [filter(pattern)], [alarm({})]) == "FAIL"
}

test_error_when_filters_not_collected if {
	status([trail({})], null, [alarm({})]) == "ERROR"
}

test_error_when_trail_status_unknown if {
	status([trail({"is_logging": null})], [filter(pattern)], [alarm({})]) == "ERROR"
}

# A member account of the organization trail is covered by the filter and
# alarm on the management account's log group.
test_member_account_passes_through_owner if {
	member := {"account_id": "222222222222", "partition": "aws", "trails": [trail({})], "regions": [region([], [])]}
	result([management([trail({})], [filter(pattern)], [alarm({})]), member], "222222222222").status == "PASS"
}

# The log group's account was not scanned: its filters are unknown.
test_error_when_log_group_account_not_scanned if {
	member := {"account_id": "222222222222", "partition": "aws", "trails": [trail({})], "regions": [region([], [])]}
	result([member], "222222222222").status == "ERROR"
}

test_no_result_when_trails_not_collected if {
	count(alarm_root_usage.results) == 0 with input as snapshot([management(null, [], [])])
}
