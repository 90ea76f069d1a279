package rampart.aws.admin_policy_attached_test

# Which principals hold an admin grant is decided by the IAM analysis
# (analysis/awsiam, tested in Go); these tests pin how its facts and the
# approved admin roles become results.

import data.rampart.aws.admin_policy_attached as control
import rego.v1

acct := "111111111111"

cfg := {"aws": {"account_ids": [], "trusted_accounts": [], "organization_id": "", "admin_roles": [
	"arn:aws:iam::*:role/OrganizationAccountAccessRole",
	"arn:aws:iam::111111111111:role/break-glass",
]}}

arn(kind, name) := sprintf("arn:aws:iam::111111111111:%s/%s", [kind, name])

snap := {"aws": {"accounts": [{
	"account_id": acct, "partition": "aws",
	"users": [{"name": "ci", "arn": arn("user", "ci")}],
	"groups": [{"name": "admins", "arn": arn("group", "admins")}],
	"roles": [
		{"name": "break-glass", "arn": arn("role", "break-glass")},
		{"name": "break-glass-2", "arn": arn("role", "break-glass-2")},
		{"name": "app", "arn": arn("role", "app")},
	],
}]}}

clean := {"admin": false, "identity_admin": false, "admin_grants": [], "unknown_policies": [], "notes": [], "escalation": null, "escalation_unknown": []}

admin := object.union(clean, {"admin": true, "identity_admin": true, "admin_grants": ["managed arn:aws:iam::aws:policy/AdministratorAccess"]})

everyone := [arn("user", "ci"), arn("group", "admins"), arn("role", "break-glass"), arn("role", "break-glass-2"), arn("role", "app")]

facts(m) := {"principals": {acct: object.union({a: clean | some a in everyone}, m)}}

run(m) := {x.resource: x | some x in control.results with input as snap with data.rampart.config as cfg with data.rampart.analysis.aws as facts(m)}

test_admin_user_and_group_fail if {
	rs := run({arn("user", "ci"): admin, arn("group", "admins"): admin})
	rs[arn("user", "ci")].status == "FAIL"
	rs[arn("group", "admins")].status == "FAIL"
	rs[arn("user", "ci")].evidence.admin_grants == ["managed arn:aws:iam::aws:policy/AdministratorAccess"]
	rs[arn("role", "app")].status == "PASS"
}

test_approved_role_passes_with_its_pattern if {
	rs := run({arn("role", "break-glass"): admin})
	rs[arn("role", "break-glass")].status == "PASS"
	rs[arn("role", "break-glass")].evidence.approved_by == "arn:aws:iam::111111111111:role/break-glass"
}

test_approval_is_for_the_exact_pattern if {
	run({arn("role", "break-glass-2"): admin})[arn("role", "break-glass-2")].status == "FAIL"
}

test_a_grant_held_back_by_a_boundary_still_fails_and_says_so if {
	held := object.union(admin, {"admin": false, "held_back_by": ["permissions boundary arn:aws:iam::111111111111:policy/s3-only"]})
	r := run({arn("role", "app"): held})[arn("role", "app")]
	r.status == "FAIL"
	r.evidence.effective_admin == false
	r.evidence.held_back_by == ["permissions boundary arn:aws:iam::111111111111:policy/s3-only"]
}

test_unknown_policy_without_admin_is_error if {
	r := run({arn("role", "app"): object.union(clean, {"unknown_policies": ["managed x: not in the snapshot's managed policies"]})})[arn("role", "app")]
	r.status == "ERROR"
}

test_admin_with_an_unknown_policy_still_fails if {
	r := run({arn("role", "app"): object.union(admin, {"unknown_policies": ["inline y: document did not parse: eof"]})})[arn("role", "app")]
	r.status == "FAIL"
}

test_missing_analysis_is_error if {
	rs := {x.resource: x.status | some x in control.results with input as snap with data.rampart.config as cfg with data.rampart.analysis.aws as {"principals": {}}}
	{s | some s in rs} == {"ERROR"}
	count(rs) == 5
}

# A policy a plan manages but did not create may be attached outside it.
outside(p) := {x.resource: x | some x in control.results with input as {"aws": {"accounts": [{"account_id": acct, "partition": "aws", "policies": [p]}]}}
	with data.rampart.config as cfg with data.rampart.analysis.aws as {"principals": {}}}

existing_policy(doc) := {"name": "shared", "arn": "aws_iam_policy.shared", "document": doc, "holders_outside_plan": true}

test_existing_admin_policy_fails_on_the_policy if {
	r := outside(existing_policy({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))["aws_iam_policy.shared"]
	r.status == "FAIL"
	r.resource_type == "AWS::IAM::ManagedPolicy"
	r.evidence == {"holders_outside_plan": true}
}

test_existing_admin_policy_with_a_deny_all_is_not_admin if {
	rs := outside(existing_policy({"Statement": [
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
	]}))
	count(rs) == 0
}

test_existing_narrow_policy_gives_nothing if {
	count(outside(existing_policy({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}))) == 0
}

test_existing_policy_with_an_unknown_document_is_error if {
	p := object.union(existing_policy(null), {"document_error": "policy of aws_iam_policy.shared is unknown until apply"})
	r := outside(p)["aws_iam_policy.shared"]
	r.status == "ERROR"
	r.message == "policy exists already and its document is not known: policy of aws_iam_policy.shared is unknown until apply"
}

test_a_policy_the_plan_creates_gives_nothing if {
	p := object.union(existing_policy({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}), {"holders_outside_plan": false})
	count(outside(p)) == 0
}
