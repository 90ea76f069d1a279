package rampart.aws.cloudtrail_log_validation_test

import data.rampart.aws.cloudtrail_log_validation
import rego.v1

trail(owner, validation) := {"name": "t", "arn": sprintf("arn:aws:cloudtrail:us-east-1:%s:trail/t", [owner]), "log_file_validation": validation}

account(id, trails) := {"account_id": id, "partition": "aws", "trails": trails}

results(accounts) := rs if {
	rs := cloudtrail_log_validation.results with input as {"aws": {"accounts": accounts}}
}

test_fails_validation_off if {
	some r in results([account("111111111111", [trail("111111111111", false)])])
	r.status == "FAIL"
	r.resource == "arn:aws:cloudtrail:us-east-1:111111111111:trail/t"
}

test_passes_validation_on if {
	some r in results([account("111111111111", [trail("111111111111", true)])])
	r.status == "PASS"
}

# An organization trail listed by every member is judged once, in its owner.
test_judged_once_in_owner if {
	rs := results([
		account("111111111111", [trail("111111111111", true)]),
		account("222222222222", [trail("111111111111", true)]),
	])
	count(rs) == 1
	some r in rs
	r.account == "111111111111"
}

# Owner not scanned: judged where it is seen.
test_judged_in_member_when_owner_not_scanned if {
	rs := results([account("222222222222", [trail("111111111111", false)])])
	count(rs) == 1
	some r in rs
	r.account == "222222222222"
	r.status == "FAIL"
}
