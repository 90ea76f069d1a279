package rampart.aws.credentials_unused_test

import data.rampart.aws.credentials_unused
import rego.v1

now := "2026-11-01T12:00:00Z"

user(fields) := object.union(
	{
		"name": "u", "arn": "arn:aws:iam::111111111111:user/u", "credential_report": true,
		"created": "2024-01-01T00:00:00Z", "password_enabled": false,
		"password_last_used": null, "password_last_changed": null, "access_keys": [],
	},
	fields,
)

account(users) := {"collected_at": now, "aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "users": users}]}}

only(fields) := r if {
	rs := credentials_unused.results with input as account([user(fields)])
	count(rs) == 1
	some r in rs
}

key(created, last_used) := {"slot": 1, "active": true, "created": created, "last_used": last_used}

test_fails_key_unused_for_long if {
	r := only({"access_keys": [key("2025-01-01T00:00:00Z", "2026-08-01T00:00:00Z")]})
	r.status == "FAIL"
	r.evidence.credentials[0].credential == "access_key_1"
}

test_passes_key_used_recently if {
	only({"access_keys": [key("2025-01-01T00:00:00Z", "2026-10-30T00:00:00Z")]}).status == "PASS"
}

# A brand-new key never used is not unused (prowler #645).
test_passes_new_key_never_used if {
	only({"access_keys": [key("2026-10-25T00:00:00Z", null)]}).status == "PASS"
}

# A key created 100 days ago and never used is unused.
test_fails_old_key_never_used if {
	only({"access_keys": [key("2026-07-24T12:00:00Z", null)]}).status == "FAIL"
}

# 44 days is under the threshold; 45 is at it and fails.
test_threshold_boundary if {
	only({"access_keys": [key("2025-01-01T00:00:00Z", "2026-09-18T12:00:00Z")]}).status == "PASS"
	only({"access_keys": [key("2025-01-01T00:00:00Z", "2026-09-17T12:00:00Z")]}).status == "FAIL"
}

test_threshold_from_config if {
	r := only({"access_keys": [key("2025-01-01T00:00:00Z", "2026-10-20T00:00:00Z")]}) with data.rampart.config.thresholds.credentials_unused_days as 7
	r.status == "FAIL"
}

test_inactive_key_not_judged if {
	count(credentials_unused.results) == 0 with input as account([user({"access_keys": [{"slot": 1, "active": false, "created": "2020-01-01T00:00:00Z", "last_used": null}]})])
}

test_fails_password_unused if {
	r := only({"password_enabled": true, "password_last_used": "2026-06-01T00:00:00Z"})
	r.status == "FAIL"
	r.evidence.credentials[0].credential == "password"
}

# A password never used counts from when it was set.
test_password_never_used_counts_from_last_change if {
	only({"password_enabled": true, "password_last_changed": "2026-10-28T00:00:00Z"}).status == "PASS"
	only({"password_enabled": true, "password_last_changed": "2026-03-01T00:00:00Z"}).status == "FAIL"
}

# Console access disabled: an old password_last_used is not a credential.
test_disabled_password_not_judged if {
	count(credentials_unused.results) == 0 with input as account([user({"password_enabled": false, "password_last_used": "2020-01-01T00:00:00Z"})])
}

test_error_on_unknown_dates if {
	only({"access_keys": [key(null, null)]}).status == "ERROR"
}

test_error_when_absent_from_report if {
	only({"credential_report": false}).status == "ERROR"
}
