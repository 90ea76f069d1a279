package rampart.aws.long_lived_access_keys_test

import data.rampart.aws.long_lived_access_keys
import rego.v1

user(report, keys) := {"name": "u", "arn": "arn:aws:iam::111111111111:user/u", "credential_report": report, "access_keys": keys}

only(u) := r if {
	rs := long_lived_access_keys.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "users": [u]}]}}
	count(rs) == 1
	some r in rs
}

test_fails_fresh_active_key if {
	r := only(user(true, [{"slot": 1, "active": true, "created": "2026-10-30T00:00:00Z", "last_used": null}]))
	r.status == "FAIL"
	count(r.evidence.active_keys) == 1
}

test_passes_inactive_key_only if {
	only(user(true, [{"slot": 1, "active": false, "created": "2020-01-01T00:00:00Z", "last_used": null}])).status == "PASS"
}

test_passes_without_keys if {
	only(user(true, [])).status == "PASS"
}

test_error_when_absent_from_report if {
	only(user(false, [])).status == "ERROR"
}

test_known_active_key_fails_without_the_report if {
	r := only(user(false, [{"slot": 1, "active": true, "created": null, "last_used": null}]))
	r.status == "FAIL"
	r.message == "user u has 1 active long-lived access key(s)"
}

test_error_when_absent_from_report_with_only_inactive_keys if {
	only(user(false, [{"slot": 1, "active": false, "created": null, "last_used": null}])).status == "ERROR"
}

test_error_when_keys_are_null if {
	only(user(false, null)).status == "ERROR"
}
