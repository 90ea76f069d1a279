package rampart.aws.privileged_user_hardware_mfa_test

# Who is a full admin is decided by the IAM analysis (analysis/awsiam,
# tested in Go); these tests pin the MFA judgement of admin users.

import data.rampart.aws.privileged_user_hardware_mfa as control
import rego.v1

acct := "111111111111"

user(name, devices) := {"name": name, "arn": sprintf("arn:aws:iam::111111111111:user/%s", [name]), "credential_report": true, "mfa_devices": devices}

admin := {"admin": true, "identity_admin": true, "admin_grants": ["group admins: managed arn:aws:iam::aws:policy/AdministratorAccess"]}

results(u, f) := rs if {
	rs := control.results with input as {"aws": {"accounts": [{"account_id": acct, "users": [u]}]}}
		with data.rampart.analysis.aws as {"principals": {acct: {u.arn: f}}}
}

status(u) := {r.status | some r in results(u, admin)}

test_virtual_only_fails if {
	some r in results(user("ops-admin", [{"type": "virtual"}]), admin)
	r.status == "FAIL"
	r.message == "admin user has only virtual MFA devices"
	r.evidence.admin_grants == ["group admins: managed arn:aws:iam::aws:policy/AdministratorAccess"]
}

test_no_mfa_fails_here_too if {
	some r in results(user("ops-admin", []), admin)
	r.status == "FAIL"
	r.message == "admin user has no MFA device at all"
}

test_hardware_passes if {
	status(user("sec-admin", [{"type": "virtual"}, {"type": "hardware"}])) == {"PASS"}
}

test_non_admins_are_not_evaluated if {
	count(results(user("dev", [{"type": "virtual"}]), {"admin": false})) == 0
}

test_an_admin_grant_held_back_is_not_admin if {
	count(results(user("dev", []), {"admin": false, "identity_admin": true})) == 0
}

test_not_in_credential_report_is_error if {
	status(object.union(user("ghost", null), {"credential_report": false})) == {"ERROR"}
}

test_mfa_not_collected_is_error if {
	some r in results(user("x", null), admin)
	r.status == "ERROR"
	r.message == "admin user's MFA devices were not collected (ListVirtualMFADevices): whether one is hardware is unknown"
	count(results(user("x", null), admin)) == 1
}

test_mfa_not_collected_of_a_non_admin_is_not_evaluated if {
	count(results(user("x", null), {"admin": false})) == 0
}

test_missing_analysis_is_error if {
	u := user("x", [])
	{r.status | some r in control.results with input as {"aws": {"accounts": [{"account_id": acct, "users": [u]}]}}
		with data.rampart.analysis.aws as {"principals": {}}} == {"ERROR"}
}

# A user whose policy did not parse may be an admin: ERROR, not dropped.
test_unreadable_policy_is_error_not_dropped if {
	rs := results(user("maybe", [{"type": "virtual"}]), {"admin": false, "unknown_policies": ["inline x: document did not parse: unexpected end of JSON input"]})
	[r] := [r | some r in rs]
	r.status == "ERROR"
	r.message == "cannot tell whether the user is an admin: inline x: document did not parse: unexpected end of JSON input"
}

# An admin by what is known stays judged, whatever else did not parse.
test_admin_with_an_unreadable_policy_is_judged if {
	{r.status | some r in results(user("ops-admin", [{"type": "hardware"}]), object.union(admin, {"unknown_policies": ["inline x: bad"]}))} == {"PASS"}
}
