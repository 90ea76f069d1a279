package rampart.aws.root_mfa_test

import data.rampart.aws.root_mfa
import rego.v1

account(root) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "root": root}]}}

test_fails_without_mfa if {
	some r in root_mfa.results with input as account({"arn": "arn:aws:iam::111111111111:root", "mfa_active": false})
	r.status == "FAIL"
	r.resource == "arn:aws:iam::111111111111:root"
	r.account == "111111111111"
}

test_passes_with_mfa if {
	some r in root_mfa.results with input as account({"arn": "arn:aws:iam::111111111111:root", "mfa_active": true})
	r.status == "PASS"
}

test_one_result_per_account if {
	count(root_mfa.results) == 1 with input as account({"arn": "arn:aws:iam::111111111111:root", "mfa_active": true})
}

# A root user that is not in the snapshot is ERROR, not silence (the engine
# adds the reason when a failed call explains it).
test_error_when_root_not_collected if {
	[r] := [r | some r in root_mfa.results] with input as account(null)
	r.status == "ERROR"
	r.resource == "arn:aws:iam::111111111111:root"
}
