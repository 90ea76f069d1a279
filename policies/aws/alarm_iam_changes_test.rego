package rampart.aws.alarm_iam_changes_test

import data.rampart.aws.alarm_iam_changes
import rego.v1

cis := `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`

account(p) := {"aws": {"accounts": [{
	"account_id": "111111111111", "partition": "aws",
	"trails": [{
		"name": "t", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/t", "multi_region": true, "is_logging": true,
		"event_selectors": null, "advanced_event_selectors": [{"Name": "m", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}],
		"cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111111111111:log-group:trail-logs:*",
	}],
	"regions": [{
		"name": "us-east-1",
		"metric_filters": [{"name": "f", "log_group": "trail-logs", "pattern": p, "metric_transformations": [{"metric_name": "IAM", "metric_namespace": "CIS"}]}],
		"alarms": [{"name": "a", "metric_name": "IAM", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111111111111:sec"]}],
	}],
}]}}

result(p) := r if {
	some r in alarm_iam_changes.results with input as account(p)
}

test_passes_cis_pattern if {
	result(cis).status == "PASS"
}

# Wildcards that cover the CIS events count.
test_passes_wildcards if {
	result(`{ ($.eventName = *Policy) || ($.eventName = *PolicyVersion) }`).status == "PASS"
}

test_fails_when_an_event_is_missing if {
	r := result(replace(cis, "||($.eventName=DetachGroupPolicy)", ""))
	r.status == "FAIL"
	r.evidence.log_groups[0].filters[0].problems == ["event DetachGroupPolicy not matched"]
}
