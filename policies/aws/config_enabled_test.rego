package rampart.aws.config_enabled_test

import data.rampart.aws.config_enabled
import rego.v1

status(recorders) := r.status if {
	some r in config_enabled.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "regions": [{"name": "eu-west-1", "config_recorders": recorders}]}]}}
	r.region == "eu-west-1"
}

test_passes_recording_all if {
	status([{"name": "default", "recording": true, "all_supported": true, "include_global_resource_types": false}]) == "PASS"
}

test_fails_without_recorder if {
	status([]) == "FAIL"
}

test_fails_stopped if {
	status([{"name": "default", "recording": false, "all_supported": true, "include_global_resource_types": true}]) == "FAIL"
}

test_fails_partial_resource_types if {
	status([{"name": "default", "recording": true, "all_supported": false, "include_global_resource_types": true}]) == "FAIL"
}

test_no_result_when_not_collected if {
	count(config_enabled.results) == 0 with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "regions": [{"name": "eu-west-1", "config_recorders": null}]}]}}
}
