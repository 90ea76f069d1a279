package rampart.aws.root_recent_use_test

import data.rampart.aws.root_recent_use
import rego.v1

arn := "arn:aws:iam::111111111111:root"

now := "2026-11-01T12:00:00Z"

account(root) := {"collected_at": now, "aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "root": root}]}}

only(root) := r if {
	rs := root_recent_use.results with input as account(root)
	count(rs) == 1
	some r in rs
}

test_fails_on_recent_password_use if {
	r := only({"arn": arn, "password_last_used": "2026-10-20T08:00:00Z", "access_keys": []})
	r.status == "FAIL"
	r.evidence.recent_uses[0].credential == "password"
}

test_fails_on_recent_key_use if {
	r := only({"arn": arn, "password_last_used": "2025-01-01T00:00:00Z", "access_keys": [{"slot": 2, "active": false, "last_used": "2026-09-01T00:00:00Z"}]})
	r.status == "FAIL"
	r.evidence.recent_uses[0].credential == "access_key_2"
}

test_passes_on_old_use if {
	r := only({"arn": arn, "password_last_used": "2025-06-01T00:00:00Z", "access_keys": []})
	r.status == "PASS"
}

test_passes_never_used if {
	r := only({"arn": arn, "password_last_used": null, "access_keys": []})
	r.status == "PASS"
}

# 89 whole days ago is within a 90-day window; 90 days ago is not.
test_window_boundary if {
	only({"arn": arn, "password_last_used": "2026-08-04T12:00:00Z", "access_keys": []}).status == "FAIL"
	only({"arn": arn, "password_last_used": "2026-08-03T12:00:00Z", "access_keys": []}).status == "PASS"
}

test_window_from_config if {
	r := only({"arn": arn, "password_last_used": "2026-10-01T00:00:00Z", "access_keys": []}) with data.rampart.config.thresholds.root_recent_use_days as 7
	r.status == "PASS"
}

# access_keys null: only GetAccountSummary answered, so last use is unknown.
test_error_without_credential_report if {
	r := only({"arn": arn, "password_last_used": null, "access_keys": null, "active_access_keys": 0})
	r.status == "ERROR"
}

# A root user that is not in the snapshot is ERROR, not silence (the engine
# adds the reason when a failed call explains it).
test_error_when_root_not_collected if {
	[r] := [r | some r in root_recent_use.results] with input as account(null)
	r.status == "ERROR"
	r.resource == "arn:aws:iam::111111111111:root"
}
