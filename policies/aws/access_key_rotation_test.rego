package rampart.aws.access_key_rotation_test

import data.rampart.aws.access_key_rotation
import rego.v1

now := "2026-11-01T12:00:00Z"

user(keys) := {"name": "u", "arn": "arn:aws:iam::111111111111:user/u", "credential_report": true, "access_keys": keys}

account(users) := {"collected_at": now, "aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "users": users}]}}

only(keys) := r if {
	rs := access_key_rotation.results with input as account([user(keys)])
	count(rs) == 1
	some r in rs
}

test_fails_old_active_key if {
	r := only([{"slot": 1, "active": true, "created": "2026-01-01T00:00:00Z", "last_used": null}])
	r.status == "FAIL"
	r.evidence.active_keys[0].age_days == 304
}

test_passes_fresh_key if {
	only([{"slot": 1, "active": true, "created": "2026-10-01T00:00:00Z", "last_used": null}]).status == "PASS"
}

# An old key that is inactive cannot be used: not judged.
test_inactive_old_key_not_judged if {
	count(access_key_rotation.results) == 0 with input as account([user([{"slot": 1, "active": false, "created": "2020-01-01T00:00:00Z"}])])
}

# One old key among two fails the user.
test_fails_when_one_of_two_is_old if {
	only([
		{"slot": 1, "active": true, "created": "2026-10-01T00:00:00Z"},
		{"slot": 2, "active": true, "created": "2025-10-01T00:00:00Z"},
	]).status == "FAIL"
}

# Exactly 90 days old is not older than 90 days; 91 is.
test_age_boundary if {
	only([{"slot": 1, "active": true, "created": "2026-08-03T12:00:00Z"}]).status == "PASS"
	only([{"slot": 1, "active": true, "created": "2026-08-02T12:00:00Z"}]).status == "FAIL"
}

test_threshold_from_config if {
	r := only([{"slot": 1, "active": true, "created": "2026-10-01T00:00:00Z"}]) with data.rampart.config.thresholds.access_key_max_age_days as 10
	r.status == "FAIL"
}

test_error_on_unknown_creation if {
	only([{"slot": 1, "active": true, "created": null}]).status == "ERROR"
}

test_no_result_without_keys if {
	count(access_key_rotation.results) == 0 with input as account([user([])])
}

test_error_when_absent_from_report if {
	u := object.union(user([]), {"credential_report": false})
	some r in access_key_rotation.results with input as account([u])
	r.status == "ERROR"
}
