package rampart.aws.access_analyzer_enabled_test

import data.rampart.aws.access_analyzer_enabled
import rego.v1

analyzer(type, status) := {"name": "a", "arn": sprintf("arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/%s", [lower(type)]), "type": type, "status": status}

account(id, analyzers) := {"account_id": id, "partition": "aws", "regions": [{"name": "eu-west-1", "access_analyzers": analyzers}]}

status_of(snapshot, id) := r.status if {
	some r in access_analyzer_enabled.results with input as snapshot
	r.account == id
	r.region == "eu-west-1"
}

test_passes_active_account_analyzer if {
	status_of({"aws": {"accounts": [account("111111111111", [analyzer("ACCOUNT", "ACTIVE")])]}}, "111111111111") == "PASS"
}

test_fails_without_analyzer if {
	status_of({"aws": {"accounts": [account("111111111111", [])]}}, "111111111111") == "FAIL"
}

test_fails_analyzer_not_active if {
	status_of({"aws": {"accounts": [account("111111111111", [analyzer("ACCOUNT", "DISABLED")])]}}, "111111111111") == "FAIL"
}

test_unused_access_analyzer_does_not_count if {
	status_of({"aws": {"accounts": [account("111111111111", [analyzer("ACCOUNT_UNUSED_ACCESS", "ACTIVE")])]}}, "111111111111") == "FAIL"
}

# The delegated administrator's organization analyzer covers members.
test_member_covered_by_organization_analyzer if {
	snap := {"aws": {
		"accounts": [account("444444444444", [analyzer("ORGANIZATION", "ACTIVE")]), account("222222222222", [])],
		"organization": {"accounts": [{"id": "444444444444"}, {"id": "222222222222"}]},
	}}
	status_of(snap, "222222222222") == "PASS"
}

# ... but not an account outside the organization.
test_outsider_not_covered_by_organization_analyzer if {
	snap := {"aws": {
		"accounts": [account("444444444444", [analyzer("ORGANIZATION", "ACTIVE")]), account("222222222222", [])],
		"organization": {"accounts": [{"id": "444444444444"}]},
	}}
	status_of(snap, "222222222222") == "FAIL"
}

test_no_result_when_not_collected if {
	count(access_analyzer_enabled.results) == 0 with input as {"aws": {"accounts": [account("111111111111", null)]}}
}
