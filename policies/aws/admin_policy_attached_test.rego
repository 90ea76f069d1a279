package rampart.aws.admin_policy_attached_test

import data.rampart.aws.admin_policy_attached as control
import rego.v1

admin_arn := "arn:aws:iam::aws:policy/AdministratorAccess"

readonly_arn := "arn:aws:iam::aws:policy/ReadOnlyAccess"

cfg := {"aws": {"account_ids": [], "trusted_accounts": [], "organization_id": "", "admin_roles": [
	"arn:aws:iam::*:role/OrganizationAccountAccessRole",
	"arn:aws:iam::111111111111:role/break-glass",
]}}

policies := [
	{"arn": admin_arn, "name": "AdministratorAccess", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}},
	{"arn": readonly_arn, "name": "ReadOnlyAccess", "document": {"Statement": {"Effect": "Allow", "Action": ["iam:Get*", "s3:Get*"], "Resource": "*"}}},
	{"arn": "arn:aws:iam::111111111111:policy/broken", "name": "broken", "document": null, "document_error": "unexpected end of JSON input"},
]

attach(arn) := {"attached_policies": [{"name": "p", "arn": arn}], "inline_policies": []}

inline(doc) := {"attached_policies": [], "inline_policies": [{"name": "inline-p", "document": doc}]}

acct(users, groups, roles) := {"aws": {"accounts": [{
	"account_id": "111111111111", "partition": "aws", "policies": policies,
	"users": users, "groups": groups, "roles": roles,
}]}}

user(name, pols, groups) := object.union(pols, {"name": name, "arn": sprintf("arn:aws:iam::111111111111:user/%s", [name]), "groups": groups})

role(name, pols) := object.union(pols, {"name": name, "arn": sprintf("arn:aws:iam::111111111111:role/%s", [name])})

group(name, pols) := object.union(pols, {"name": name, "arn": sprintf("arn:aws:iam::111111111111:group/%s", [name])})

statuses(snap) := {r.resource: r.status | some r in control.results with input as snap with data.rampart.config as cfg}

test_managed_admin_on_user_fails if {
	statuses(acct([user("ci-legacy", attach(admin_arn), [])], [], []))["arn:aws:iam::111111111111:user/ci-legacy"] == "FAIL"
}

test_inline_admin_list_forms_fail if {
	doc := {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]}
	statuses(acct([], [], [role("app", inline(doc))]))["arn:aws:iam::111111111111:role/app"] == "FAIL"
}

test_not_action_excluding_no_iam_is_admin if {
	doc := {"Statement": {"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "*"}}
	statuses(acct([], [], [role("app", inline(doc))]))["arn:aws:iam::111111111111:role/app"] == "FAIL"
}

test_power_user_shape_is_not_admin if {
	doc := {"Statement": {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"}}
	statuses(acct([], [], [role("app", inline(doc))]))["arn:aws:iam::111111111111:role/app"] == "PASS"
}

test_group_and_its_members_fail if {
	s := statuses(acct([user("alice", attach(readonly_arn), ["admins"])], [group("admins", attach(admin_arn))], []))
	s["arn:aws:iam::111111111111:group/admins"] == "FAIL"
	s["arn:aws:iam::111111111111:user/alice"] == "FAIL"
}

test_approved_roles_pass if {
	s := statuses(acct([], [], [role("OrganizationAccountAccessRole", attach(admin_arn)), role("break-glass", attach(admin_arn))]))
	s["arn:aws:iam::111111111111:role/OrganizationAccountAccessRole"] == "PASS"
	s["arn:aws:iam::111111111111:role/break-glass"] == "PASS"
}

test_approval_is_for_the_exact_pattern if {
	s := statuses(acct([], [], [role("break-glass-2", attach(admin_arn)), role("OrganizationAccountAccessRoleX", attach(admin_arn))]))
	s["arn:aws:iam::111111111111:role/break-glass-2"] == "FAIL"
	s["arn:aws:iam::111111111111:role/OrganizationAccountAccessRoleX"] == "FAIL"
}

test_users_cannot_be_approved if {
	snap := acct([user("break-glass", attach(admin_arn), [])], [], [])
	c := object.union(cfg, {"aws": {"admin_roles": ["*"]}})
	{r.status | some r in control.results with input as snap with data.rampart.config as c} == {"FAIL"}
}

test_deny_all_is_not_admin if {
	doc := {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
	statuses(acct([user("u", inline(doc), [])], [], []))["arn:aws:iam::111111111111:user/u"] == "PASS"
}

test_deny_all_neutralises_an_admin_grant if {
	u := {
		"name": "compromised", "arn": "arn:aws:iam::111111111111:user/compromised", "groups": [],
		"attached_policies": [{"name": "AdministratorAccess", "arn": admin_arn}],
		"inline_policies": [{"name": "deny-all", "document": {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}}],
	}
	statuses(acct([u], [], []))["arn:aws:iam::111111111111:user/compromised"] == "PASS"
}

test_star_on_one_bucket_is_not_admin if {
	doc := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::logs/*"}]}
	statuses(acct([], [], [role("app", inline(doc))]))["arn:aws:iam::111111111111:role/app"] == "PASS"
}

test_unknown_document_is_error_not_pass if {
	statuses(acct([], [], [role("app", attach("arn:aws:iam::111111111111:policy/broken"))]))["arn:aws:iam::111111111111:role/app"] == "ERROR"
}

test_admin_with_an_unknown_policy_still_fails if {
	r := object.union(attach(admin_arn), {"inline_policies": [{"name": "x", "document": null, "document_error": "bad"}]})
	statuses(acct([], [], [role("app", r)]))["arn:aws:iam::111111111111:role/app"] == "FAIL"
}

test_one_result_per_principal if {
	snap := acct([user("a", attach(admin_arn), [])], [group("g", attach(readonly_arn))], [role("r", attach(readonly_arn))])
	count(control.results) == 3 with input as snap with data.rampart.config as cfg
}
