package rampart.aws.privileged_user_hardware_mfa_test

import data.rampart.aws.privileged_user_hardware_mfa as control
import rego.v1

admin_arn := "arn:aws:iam::aws:policy/AdministratorAccess"

acct(users) := {"aws": {"accounts": [{
	"account_id": "111111111111", "partition": "aws",
	"policies": [{"arn": admin_arn, "document": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
	"groups": [{"name": "admins", "attached_policies": [{"name": "AdministratorAccess", "arn": admin_arn}], "inline_policies": []}],
	"users": users,
}]}}

admin(name, devices) := {
	"name": name, "arn": sprintf("arn:aws:iam::111111111111:user/%s", [name]), "groups": ["admins"],
	"attached_policies": [], "inline_policies": [], "credential_report": true, "mfa_devices": devices,
}

status(u) := {r.status | some r in control.results with input as acct([u])}

test_virtual_only_fails if {
	some r in control.results with input as acct([admin("ops-admin", [{"type": "virtual"}])])
	r.status == "FAIL"
	r.message == "admin user has only virtual MFA devices"
	r.evidence.admin_grants == ["group admins: managed arn:aws:iam::aws:policy/AdministratorAccess"]
}

test_no_mfa_fails_here_too if {
	some r in control.results with input as acct([admin("ops-admin", [])])
	r.status == "FAIL"
	r.message == "admin user has no MFA device at all"
}

test_hardware_passes if {
	status(admin("sec-admin", [{"type": "virtual"}, {"type": "hardware"}])) == {"PASS"}
}

test_direct_admin_policy_counts if {
	u := object.union(admin("direct", [{"type": "virtual"}]), {"groups": [], "attached_policies": [{"name": "AdministratorAccess", "arn": admin_arn}]})
	status(u) == {"FAIL"}
}

test_non_admins_are_not_evaluated if {
	status(object.union(admin("dev", [{"type": "virtual"}]), {"groups": []})) == set()
}

test_not_in_credential_report_is_error if {
	status(object.union(admin("ghost", null), {"credential_report": false})) == {"ERROR"}
}

test_mfa_not_collected_is_skipped if {
	status(admin("x", null)) == set()
}

# A user whose policy did not parse may be an admin: ERROR, not dropped.
test_unreadable_policy_is_error_not_dropped if {
	u := object.union(admin("maybe", [{"type": "virtual"}]), {"groups": [], "inline_policies": [{"name": "x", "document": null, "document_error": "unexpected end of JSON input"}]})
	some r in control.results with input as acct([u])
	r.status == "ERROR"
	r.message == "cannot tell whether the user is an admin: inline x: document did not parse: unexpected end of JSON input"
	count(control.results) == 1 with input as acct([u])
}

# An admin by what is known stays judged, whatever else did not parse.
test_admin_with_an_unreadable_policy_is_judged if {
	u := object.union(admin("ops-admin", [{"type": "hardware"}]), {"inline_policies": [{"name": "x", "document": null, "document_error": "bad"}]})
	status(u) == {"PASS"}
}
