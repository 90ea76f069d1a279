package rampart.aws.privilege_escalation_test

import data.rampart.aws.privilege_escalation as control
import rego.v1

admin_arn := "arn:aws:iam::aws:policy/AdministratorAccess"

acct(users, groups, roles) := {"aws": {"accounts": [{
	"account_id": "111111111111", "partition": "aws",
	"policies": [
		{"arn": admin_arn, "document": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}},
		{"arn": "arn:aws:iam::111111111111:policy/iam-manager", "document": {"Statement": [{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*"}]}},
	],
	"users": users, "groups": groups, "roles": roles,
}]}}

stmts(statements) := {"attached_policies": [], "inline_policies": [{"name": "p", "document": {"Statement": statements}}]}

role_with(statements) := object.union(stmts(statements), {"name": "r", "arn": "arn:aws:iam::111111111111:role/r", "service_linked": false})

run(statements) := [r | some r in control.results with input as acct([], [], [role_with(statements)])]

paths(statements) := {p.pattern | some r in run(statements); some p in r.evidence.escalation_paths}

allow(action, resource) := {"Effect": "Allow", "Action": action, "Resource": resource}

test_each_single_action_pattern if {
	every action, pattern in {
		"iam:CreatePolicyVersion": "create-policy-version",
		"iam:SetDefaultPolicyVersion": "set-default-policy-version",
		"iam:AttachUserPolicy": "attach-user-policy",
		"iam:AttachGroupPolicy": "attach-group-policy",
		"iam:AttachRolePolicy": "attach-role-policy",
		"iam:PutUserPolicy": "put-user-policy",
		"iam:PutGroupPolicy": "put-group-policy",
		"iam:PutRolePolicy": "put-role-policy",
		"iam:CreateAccessKey": "create-access-key",
		"iam:CreateLoginProfile": "create-login-profile",
		"iam:UpdateLoginProfile": "update-login-profile",
		"iam:UpdateAssumeRolePolicy": "update-assume-role-policy",
		"iam:AddUserToGroup": "add-user-to-group",
		"sts:AssumeRole": "assume-any-role",
	} {
		paths([allow(action, "*")]) == {pattern}
	}
}

test_passrole_pairs if {
	paths([allow(["iam:PassRole", "ec2:RunInstances"], "*")]) == {"passrole-ec2"}
	paths([allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*")]) == {"passrole-lambda"}
	paths([allow(["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"], "*")]) == {"passrole-lambda-trigger"}
	paths([allow("iam:PassRole", "arn:aws:iam::111111111111:role/*"), allow("cloudformation:CreateStack", "*")]) == {"passrole-cloudformation"}
	paths([allow(["iam:PassRole", "glue:CreateDevEndpoint"], "*")]) == {"passrole-glue"}
}

test_half_a_pair_is_not_a_path if {
	run([allow("iam:PassRole", "*")])[0].status == "PASS"
	run([allow("ec2:RunInstances", "*")])[0].status == "PASS"
	run([allow(["iam:PassRole", "lambda:CreateFunction"], "*")])[0].status == "PASS"
}

test_wildcard_actions_resolve if {
	"put-user-policy" in paths([allow("iam:Put*", "*")])
	"attach-role-policy" in paths([allow("IAM:*", "*")])
	count(paths([allow("iam:*", "*")])) == 13 # every IAM pattern; sts:AssumeRole is not iam:*
}

test_not_action_grants if {
	# everything but S3 and IAM reads: every IAM write is granted
	"create-access-key" in paths([{"Effect": "Allow", "NotAction": ["s3:*", "iam:Get*", "iam:List*"], "Resource": "*"}])
}

test_read_only_is_clean if {
	r := run([allow(["iam:Get*", "iam:List*", "ec2:Describe*"], "*")])
	r[0].status == "PASS"
}

test_self_service_on_named_resources_is_not_escalation if {
	run([allow(["iam:CreateAccessKey", "iam:UpdateLoginProfile"], "arn:aws:iam::111111111111:user/${aws:username}")])[0].status == "PASS"
	run([allow("sts:AssumeRole", "arn:aws:iam::222222222222:role/deployer")])[0].status == "PASS"
}

test_resource_wildcards_over_principals if {
	paths([allow("iam:AttachUserPolicy", "arn:aws:iam::*:user/*")]) == {"attach-user-policy"}
	paths([allow("iam:AttachUserPolicy", ["arn:aws:s3:::x", "arn:aws:iam::111111111111:user/*"])]) == {"attach-user-policy"}
	run([allow("iam:AttachUserPolicy", "arn:aws:iam::*:role/*")])[0].status == "PASS"
	paths([{"Effect": "Allow", "Action": "iam:PutRolePolicy", "NotResource": "arn:aws:iam::111111111111:role/admin"}]) == {"put-role-policy"}
}

test_unconditional_deny_on_star_removes_the_grant if {
	run([allow("iam:*", "*"), {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}])[0].status == "PASS"
	paths([allow("iam:*", "*"), {"Effect": "Deny", "Action": "iam:Put*", "Resource": "*"}]) == {
		"create-policy-version", "set-default-policy-version", "attach-user-policy", "attach-group-policy",
		"attach-role-policy", "create-access-key", "create-login-profile", "update-login-profile",
		"update-assume-role-policy", "add-user-to-group",
	}
}

test_narrow_or_conditional_deny_does_not if {
	paths([allow("iam:CreatePolicyVersion", "*"), {"Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111111111111:policy/x"}]) == {"create-policy-version"}
	paths([allow("iam:CreatePolicyVersion", "*"), {"Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]) == {"create-policy-version"}
}

test_conditions_on_allow_do_not_remove_it if {
	paths([{"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}]) == {"passrole-ec2"}
}

test_user_inherits_group_inline_policy if {
	u := {"name": "u", "arn": "arn:aws:iam::111111111111:user/u", "groups": ["iam-helpers"], "attached_policies": [], "inline_policies": []}
	g := object.union(stmts([allow("iam:Put*", "*")]), {"name": "iam-helpers", "arn": "arn:aws:iam::111111111111:group/iam-helpers"})
	some r in control.results with input as acct([u], [g], [])
	r.resource == "arn:aws:iam::111111111111:user/u"
	r.status == "FAIL"
	some p in r.evidence.escalation_paths
	p.pattern == "put-group-policy"
	p.grants["iam:PutGroupPolicy"] == ["group iam-helpers: inline p"]
}

test_managed_policy_grants if {
	u := {"name": "u", "arn": "arn:aws:iam::111111111111:user/u", "groups": [], "inline_policies": [], "attached_policies": [{"name": "iam-manager", "arn": "arn:aws:iam::111111111111:policy/iam-manager"}]}
	{r.status | some r in control.results with input as acct([u], [], [])} == {"FAIL"}
}

test_admins_are_left_to_the_admin_control if {
	u := {"name": "a", "arn": "arn:aws:iam::111111111111:user/a", "groups": [], "inline_policies": [], "attached_policies": [{"name": "AdministratorAccess", "arn": admin_arn}]}
	count(control.results) == 0 with input as acct([u], [], [])
}

test_service_linked_roles_are_not_evaluated if {
	r := object.union(role_with([allow("iam:*", "*")]), {"service_linked": true})
	count(control.results) == 0 with input as acct([], [], [r])
}

test_unknown_policy_is_error_not_pass if {
	r := object.union(role_with([]), {"inline_policies": [{"name": "bad", "document": null, "document_error": "eof"}]})
	{x.status | some x in control.results with input as acct([], [], [r])} == {"ERROR"}
}
