package rampart.aws.root_access_keys_test

import data.rampart.aws.root_access_keys
import rego.v1

arn := "arn:aws:iam::111111111111:root"

account(root) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "root": root}]}}

only(root) := r if {
	rs := root_access_keys.results with input as account(root)
	count(rs) == 1
	some r in rs
}

test_fails_with_active_key_in_report if {
	r := only({"arn": arn, "access_keys": [{"slot": 1, "active": true}], "active_access_keys": 1})
	r.status == "FAIL"
	r.evidence.source == "credential report"
}

test_passes_with_inactive_key_only if {
	r := only({"arn": arn, "access_keys": [{"slot": 1, "active": false}], "active_access_keys": 0})
	r.status == "PASS"
}

test_passes_without_keys if {
	r := only({"arn": arn, "access_keys": [], "active_access_keys": 0})
	r.status == "PASS"
}

# Only the account summary was available: its count decides.
test_fails_from_summary_when_report_missing if {
	r := only({"arn": arn, "access_keys": null, "active_access_keys": 1})
	r.status == "FAIL"
	r.evidence.source == "account summary"
}

test_passes_from_summary_when_report_missing if {
	r := only({"arn": arn, "access_keys": null, "active_access_keys": 0})
	r.status == "PASS"
}

# The two sources disagreeing never hides a key.
test_summary_count_not_hidden_by_report if {
	r := only({"arn": arn, "access_keys": [], "active_access_keys": 1})
	r.status == "FAIL"
}

# A root user that is not in the snapshot is ERROR, not silence (the engine
# adds the reason when a failed call explains it).
test_error_when_root_not_collected if {
	[r] := [r | some r in root_access_keys.results] with input as account(null)
	r.status == "ERROR"
	r.resource == "arn:aws:iam::111111111111:root"
}
