package rampart.aws.securityhub_enabled_test

import data.rampart.aws.securityhub_enabled
import rego.v1

results(hub) := rs if {
	rs := securityhub_enabled.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "regions": [{"name": "eu-west-1", "security_hub": hub}]}]}}
}

test_passes_enabled if {
	some r in results({"enabled": true, "hub_arn": "arn:aws:securityhub:eu-west-1:111111111111:hub/default"})
	r.status == "PASS"
	r.region == "eu-west-1"
}

test_fails_disabled if {
	some r in results({"enabled": false})
	r.status == "FAIL"
}

test_no_result_when_not_collected if {
	count(results(null)) == 0
}
