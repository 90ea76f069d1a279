package rampart.aws.password_policy_test

import data.rampart.aws.password_policy
import rego.v1

account(policy) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "password_policy": policy}]}}

only(policy) := r if {
	rs := password_policy.results with input as account(policy)
	count(rs) == 1
	some r in rs
}

test_fails_without_policy if {
	r := only(null)
	r.status == "FAIL"
	r.resource == "arn:aws:iam::111111111111:root"
}

test_fails_short_minimum if {
	r := only({"minimum_length": 8, "password_reuse_prevention": 24})
	r.status == "FAIL"
	contains(r.message, "minimum length 8")
}

test_fails_low_reuse_prevention if {
	r := only({"minimum_length": 14, "password_reuse_prevention": 5})
	r.status == "FAIL"
	contains(r.message, "remembers 5")
}

# Reuse prevention 0 is IAM's "not set".
test_fails_reuse_not_set if {
	only({"minimum_length": 20, "password_reuse_prevention": 0}).status == "FAIL"
}

test_passes_at_the_minimums if {
	only({"minimum_length": 14, "password_reuse_prevention": 24}).status == "PASS"
}

test_thresholds_from_config if {
	r := only({"minimum_length": 14, "password_reuse_prevention": 24}) with data.rampart.config.thresholds.password_min_length as 16
	r.status == "FAIL"
}

# A live account's policy is the account's: results name it.
test_live_policy_names_the_account if {
	only({"minimum_length": 14, "password_reuse_prevention": 24}).resource == "arn:aws:iam::111111111111:root"
}

# A plan's policy names the block that declares it, so SARIF points there.
test_plan_policy_names_its_block if {
	r := only({"minimum_length": 8, "password_reuse_prevention": 24, "resource": "aws_iam_account_password_policy.strict"})
	r.status == "FAIL"
	r.resource == "aws_iam_account_password_policy.strict"
}
