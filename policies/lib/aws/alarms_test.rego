package rampart.lib.aws.alarms_test

import data.rampart.lib.aws.alarms
import rego.v1

root_spec := {
	"what": "root usage", "kind": "and",
	"core": [{"field": "userIdentity.type", "op": "=", "value": "Root"}],
	"optional": [
		{"field": "userIdentity.invokedBy", "op": "NOT EXISTS", "value": ""},
		{"field": "eventType", "op": "!=", "value": "AwsServiceEvent"},
	],
}

trail_spec := {"what": "trail changes", "kind": "or", "events": ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"]}

matches(spec, pattern) if count(alarms.filter_reasons(spec, pattern)) == 0

test_parse_cis_root_pattern if {
	p := alarms.parse(`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`)
	p.op == "and"
	p.terms == [
		{"field": "userIdentity.type", "op": "=", "value": "Root"},
		{"field": "userIdentity.invokedBy", "op": "NOT EXISTS", "value": ""},
		{"field": "eventType", "op": "!=", "value": "AwsServiceEvent"},
	]
}

test_and_spec_accepts_rewordings if {
	matches(root_spec, `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`)
	matches(root_spec, `{($.eventType!="AwsServiceEvent")&&($.userIdentity.type=Root)&&($.userIdentity.invokedBy NOT EXISTS)}`)
	matches(root_spec, `{ $.userIdentity.type = "Root" }`)
	matches(root_spec, `{ $.userIdentity.type = "Ro*" && $.eventType != "AwsServiceEvent" }`)
}

test_and_spec_refuses_narrowing_term if {
	not matches(root_spec, `{ $.userIdentity.type = "Root" && $.sourceIPAddress = "203.0.113.7" }`)
}

test_and_spec_refuses_missing_core if {
	not matches(root_spec, `{ $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`)
}

test_and_spec_refuses_other_value if {
	not matches(root_spec, `{ $.userIdentity.type = "IAMUser" }`)
	not matches(root_spec, `{ $.userIdentity.type = "Root" && $.eventType != "AwsApiCall" }`)
}

test_and_spec_refuses_or if {
	not matches(root_spec, `{ $.userIdentity.type = "Root" || $.eventType != "AwsServiceEvent" }`)
}

test_mixed_operators_not_understood if {
	not alarms.parse(`{ ($.userIdentity.type = "Root") && (($.eventName = A) || ($.eventName = B)) }`)
	not matches(root_spec, `{ ($.userIdentity.type = "Root") && (($.eventName = A) || ($.eventName = B)) }`)
}

test_or_spec_needs_every_event if {
	matches(trail_spec, `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`)
	not matches(trail_spec, `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }`)
}

test_or_spec_accepts_more_events_and_wildcards if {
	matches(trail_spec, `{ ($.eventName = *Trail) || ($.eventName = "StartLogging") || ($.eventName = StopLogging) || ($.eventName = PutEventSelectors) }`)
}

test_or_spec_refuses_and if {
	not matches(trail_spec, `{ ($.eventName = CreateTrail) && ($.eventName = UpdateTrail) }`)
}

test_or_spec_refuses_inequality if {
	not matches(trail_spec, `{ ($.eventName != CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`)
}

test_garbage_not_understood if {
	alarms.filter_reasons(root_spec, "ERROR") == ["pattern not understood (see the control's description for the grammar rampart reads)"]
}

test_log_group_location if {
	alarms.log_group_location("arn:aws:logs:us-east-1:111111111111:log-group:org-trail:*") == {"account": "111111111111", "region": "us-east-1", "name": "org-trail"}
}

# A "[" or "{" in a filter value is literal: it matches nothing the CIS
# pattern needs, and is no error.
test_glob_syntax_in_value_is_literal if {
	not matches(root_spec, `{ $.userIdentity.type = "Ro[ot" }`)
	not matches(root_spec, `{ $.userIdentity.type = "{Root" }`)
	matches(root_spec, `{ $.userIdentity.type = "R*" }`)
}
