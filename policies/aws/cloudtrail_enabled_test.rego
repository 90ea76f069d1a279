package rampart.aws.cloudtrail_enabled_test

import data.rampart.aws.cloudtrail_enabled
import rego.v1

trail(fields) := object.union(
	{
		"name": "main", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/main",
		"multi_region": true, "is_logging": true,
		"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}],
		"advanced_event_selectors": null,
	},
	fields,
)

account(trails) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "trails": trails}]}}

only(trails) := r if {
	rs := cloudtrail_enabled.results with input as account(trails)
	count(rs) == 1
	some r in rs
}

test_passes_multi_region_logging_all if {
	r := only([trail({})])
	r.status == "PASS"
	r.resource == "arn:aws:iam::111111111111:root"
}

test_fails_without_trails if {
	only([]).status == "FAIL"
}

test_fails_single_region if {
	only([trail({"multi_region": false})]).status == "FAIL"
}

test_fails_stopped if {
	only([trail({"is_logging": false})]).status == "FAIL"
}

test_error_when_logging_unknown if {
	only([trail({"is_logging": null})]).status == "ERROR"
}

test_error_when_selectors_unknown if {
	only([trail({"event_selectors": null, "advanced_event_selectors": null})]).status == "ERROR"
}

# A stopped trail beside a good one: the good one is enough.
test_passes_with_one_good_of_two if {
	only([trail({"is_logging": false, "name": "old"}), trail({})]).status == "PASS"
}

# Unknown beside a known-bad trail is still undecided.
test_error_beats_fail if {
	only([trail({"multi_region": false}), trail({"is_logging": null})]).status == "ERROR"
}

test_fails_write_only if {
	only([trail({"event_selectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]})]).status == "FAIL"
}

test_fails_management_events_excluded if {
	only([trail({"event_selectors": [{"ReadWriteType": "All", "IncludeManagementEvents": false}]})]).status == "FAIL"
}

test_passes_read_only_plus_write_only if {
	only([trail({"event_selectors": [
		{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": true},
		{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true},
	]})]).status == "PASS"
}

adv(selectors) := trail({"event_selectors": null, "advanced_event_selectors": selectors})

mgmt := {"Field": "eventCategory", "Equals": ["Management"]}

test_passes_advanced_management if {
	only([adv([{"Name": "mgmt", "FieldSelectors": [mgmt]}])]).status == "PASS"
}

test_fails_advanced_write_only if {
	only([adv([{"Name": "w", "FieldSelectors": [mgmt, {"Field": "readOnly", "Equals": ["false"]}]}])]).status == "FAIL"
}

test_passes_advanced_read_and_write_selectors if {
	only([adv([
		{"Name": "r", "FieldSelectors": [mgmt, {"Field": "readOnly", "Equals": ["true"]}]},
		{"Name": "w", "FieldSelectors": [mgmt, {"Field": "readOnly", "NotEquals": ["true"]}]},
	])]).status == "PASS"
}

test_fails_advanced_data_events_only if {
	only([adv([{"Name": "s3", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}])]).status == "FAIL"
}

test_fails_advanced_single_source if {
	only([adv([{"Name": "iam", "FieldSelectors": [mgmt, {"Field": "eventSource", "Equals": ["iam.amazonaws.com"]}]}])]).status == "FAIL"
}

test_passes_advanced_excluding_kms if {
	only([adv([{"Name": "m", "FieldSelectors": [mgmt, {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]}])]).status == "PASS"
}

test_no_result_when_trails_not_collected if {
	count(cloudtrail_enabled.results) == 0 with input as account(null)
}
