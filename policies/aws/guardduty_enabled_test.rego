package rampart.aws.guardduty_enabled_test

import data.rampart.aws.guardduty_enabled
import rego.v1

account(regions) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "regions": regions}]}}

result_in(regions, name) := r if {
	some r in guardduty_enabled.results with input as account(regions)
	r.region == name
}

test_passes_enabled_detector if {
	r := result_in([{"name": "eu-west-1", "guardduty_detectors": [{"id": "d1", "status": "ENABLED"}]}], "eu-west-1")
	r.status == "PASS"
	r.resource == "arn:aws:iam::111111111111:root"
}

test_fails_without_detector if {
	result_in([{"name": "eu-west-1", "guardduty_detectors": []}], "eu-west-1").status == "FAIL"
}

test_fails_suspended_detector if {
	r := result_in([{"name": "eu-west-1", "guardduty_detectors": [{"id": "d1", "status": "DISABLED"}]}], "eu-west-1")
	r.status == "FAIL"
	contains(r.message, "suspended")
}

test_one_result_per_region if {
	count(guardduty_enabled.results) == 2 with input as account([
		{"name": "eu-west-1", "guardduty_detectors": [{"id": "d1", "status": "ENABLED"}]},
		{"name": "us-east-1", "guardduty_detectors": []},
	])
}

# A region whose detectors were not listed is left to the engine (ERROR).
test_no_result_for_uncollected_region if {
	count(guardduty_enabled.results) == 1 with input as account([
		{"name": "eu-west-1", "guardduty_detectors": null},
		{"name": "us-east-1", "guardduty_detectors": []},
	])
}
