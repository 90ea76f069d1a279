package rampart.aws.multiple_active_keys_test

import data.rampart.aws.multiple_active_keys
import rego.v1

user(report, keys) := {"name": "u", "arn": "arn:aws:iam::111111111111:user/u", "credential_report": report, "access_keys": keys}

account(users) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "users": users}]}}

only(u) := r if {
	rs := multiple_active_keys.results with input as account([u])
	count(rs) == 1
	some r in rs
}

test_fails_two_active_keys if {
	r := only(user(true, [{"slot": 1, "active": true}, {"slot": 2, "active": true}]))
	r.status == "FAIL"
	r.evidence.active_keys == 2
}

test_passes_one_active_one_inactive if {
	only(user(true, [{"slot": 1, "active": true}, {"slot": 2, "active": false}])).status == "PASS"
}

test_no_result_without_active_keys if {
	count(multiple_active_keys.results) == 0 with input as account([user(true, [{"slot": 1, "active": false}])])
}

test_error_when_absent_from_report if {
	only(user(false, [])).status == "ERROR"
}
