package rampart.aws.imdsv2_required_test

import data.rampart.aws.imdsv2_required
import rego.v1

instance(fields) := object.union({"id": "i-1", "arn": "arn:aws:ec2:eu-west-1:111111111111:instance/i-1", "state": "running", "http_tokens": "required", "http_endpoint": "enabled"}, fields)

results(instances) := rs if {
	rs := imdsv2_required.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "regions": [{"name": "eu-west-1", "instances": instances}]}]}}
}

only(i) := r if {
	rs := results([i])
	count(rs) == 1
	some r in rs
}

test_passes_tokens_required if {
	r := only(instance({}))
	r.status == "PASS"
	r.region == "eu-west-1"
	r.resource == "arn:aws:ec2:eu-west-1:111111111111:instance/i-1"
}

test_fails_tokens_optional if {
	only(instance({"http_tokens": "optional"})).status == "FAIL"
}

test_passes_endpoint_disabled if {
	only(instance({"http_tokens": "optional", "http_endpoint": "disabled"})).status == "PASS"
}

test_stopped_instance_not_judged if {
	count(results([instance({"state": "stopped", "http_tokens": "optional"})])) == 0
}

test_no_result_when_not_collected if {
	count(results(null)) == 0
}

test_error_tokens_unknown if {
	only(instance({"http_tokens": ""})).status == "ERROR"
}
