package custom.console_mfa_test

import data.custom.console_mfa
import rego.v1

world(user) := {"aws": {"accounts": [{"account_id": "111111111111", "users": [object.union({"name": "a", "arn": "arn:aws:iam::111111111111:user/a", "password_enabled": true}, user)]}]}}

test_user_without_mfa_fails if {
	some r in console_mfa.results with input as world({"mfa_active": false})
	r.status == "FAIL"
}

# Wrong on purpose: a user with MFA passes, so this test fails.
test_user_with_mfa_fails if {
	rs := console_mfa.results with input as world({"mfa_active": true})
	print("results:", rs)
	some r in rs
	r.status == "FAIL"
}

# Stops on an error: the string is not a number.
test_bad_number if {
	to_number("twelve") == 12
}
