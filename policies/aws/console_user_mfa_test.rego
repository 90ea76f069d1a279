package rampart.aws.console_user_mfa_test

import data.rampart.aws.console_user_mfa
import rego.v1

user(name, fields) := object.union({"name": name, "arn": sprintf("arn:aws:iam::111111111111:user/%s", [name]), "credential_report": true, "password_last_used": null}, fields)

account(users) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "users": users}]}}

result_for(users, name) := r if {
	some r in console_user_mfa.results with input as account(users)
	endswith(r.resource, sprintf("/%s", [name]))
}

test_fails_console_user_without_mfa if {
	r := result_for([user("ci-legacy", {"password_enabled": true, "mfa_active": false})], "ci-legacy")
	r.status == "FAIL"
}

test_passes_console_user_with_mfa if {
	r := result_for([user("alice", {"password_enabled": true, "mfa_active": true})], "alice")
	r.status == "PASS"
}

# Console access disabled: not a console user, nothing to judge.
test_no_result_without_password if {
	count(console_user_mfa.results) == 0 with input as account([user("deploy-bot", {"password_enabled": false, "mfa_active": false})])
}

test_error_when_absent_from_report if {
	r := result_for([user("new-hire", {"credential_report": false, "password_enabled": false, "mfa_active": false})], "new-hire")
	r.status == "ERROR"
}

test_one_result_per_user if {
	count(console_user_mfa.results) == 2 with input as account([
		user("a", {"password_enabled": true, "mfa_active": true}),
		user("b", {"password_enabled": true, "mfa_active": false}),
	])
}

test_no_result_when_users_not_collected if {
	count(console_user_mfa.results) == 0 with input as account(null)
}
