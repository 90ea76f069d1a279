package rampart.lib.aws.iam_test

import data.rampart.lib.aws.iam
import rego.v1

# --- wildcard matching ------------------------------------------------------

test_wildcard_star_spans_slashes_and_colons if {
	iam.wildcard_match("arn:aws:iam::*:user/*", "arn:aws:iam::111111111111:user/ops/alice")
}

test_wildcard_question_is_one_character if {
	iam.wildcard_match("iam:Put?serPolicy", "iam:PutUserPolicy")
	not iam.wildcard_match("iam:Put?Policy", "iam:PutUserPolicy")
}

test_wildcard_other_characters_are_literal if {
	iam.wildcard_match("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/${aws:username}/x")
	not iam.wildcard_match("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/alice/x")
	not iam.wildcard_match("a.c", "abc")
	iam.wildcard_match("arn:[x", "arn:[x")
}

test_action_match_is_case_insensitive if {
	iam.action_match("IAM:put*", "iam:PutUserPolicy")
	iam.action_match("*", "ec2:RunInstances")
	not iam.action_match("iam:Get*", "iam:PutUserPolicy")
}

# --- Action / NotAction / Resource ----------------------------------------

test_allows_action_single_and_list if {
	iam.allows_action({"Effect": "Allow", "Action": "iam:*", "Resource": "*"}, "iam:CreatePolicyVersion")
	iam.allows_action({"Effect": "Allow", "Action": ["s3:Get*", "iam:Put*"], "Resource": "*"}, "iam:PutRolePolicy")
	not iam.allows_action({"Effect": "Allow", "Action": ["s3:Get*"], "Resource": "*"}, "iam:PutRolePolicy")
}

test_deny_never_allows if {
	not iam.allows_action({"Effect": "Deny", "Action": "*", "Resource": "*"}, "iam:PutUserPolicy")
	iam.denies_action({"Effect": "Deny", "Action": "*", "Resource": "*"}, "iam:PutUserPolicy")
}

test_not_action_grants_everything_not_listed if {
	s := {"Effect": "Allow", "NotAction": ["s3:*", "ec2:Describe*"], "Resource": "*"}
	iam.allows_action(s, "iam:CreateAccessKey")
	not iam.allows_action(s, "s3:GetObject")
	not iam.allows_action(s, "EC2:DescribeInstances")
}

test_covers_resource if {
	iam.covers_resource({"Resource": "*"}, "arn:aws:iam::1:role/x")
	iam.covers_resource({"Resource": ["arn:aws:s3:::b", "arn:aws:iam::*:role/*"]}, "arn:aws:iam::1:role/x")
	not iam.covers_resource({"Resource": "arn:aws:iam::1:role/y"}, "arn:aws:iam::1:role/x")
	iam.covers_resource({"NotResource": "arn:aws:iam::1:role/y"}, "arn:aws:iam::1:role/x")
	not iam.covers_resource({"NotResource": "arn:aws:iam::*"}, "arn:aws:iam::1:role/x")
}

# --- admin ------------------------------------------------------------------

entries(statements) := [{"statement": s, "source": "inline p"} | some s in statements]

test_admin_forms if {
	iam.admin_statement({"Effect": "Allow", "Action": "*", "Resource": "*"})
	iam.admin_statement({"Effect": "Allow", "Action": ["*"], "Resource": ["*"]})
	iam.admin_statement({"Effect": "Allow", "Action": "*:*", "Resource": "*"})
	iam.admin_statement({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
	iam.admin_statement({"Effect": "Allow", "NotAction": ["s3:*"], "Resource": "*"})
}

test_not_admin_forms if {
	not iam.admin_statement({"Effect": "Deny", "Action": "*", "Resource": "*"})
	not iam.admin_statement({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"})
	not iam.admin_statement({"Effect": "Allow", "Action": "iam:*", "Resource": "*"})
	not iam.admin_statement({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"})
	not iam.admin_statement({"Effect": "Allow", "NotAction": "*", "Resource": "*"})
}

test_deny_all_neutralises_admin if {
	iam.is_admin(entries([{"Effect": "Allow", "Action": "*", "Resource": "*"}]))
	not iam.is_admin(entries([
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
	]))
}

test_conditional_deny_all_does_not_neutralise if {
	iam.is_admin(entries([
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
	]))
}

test_removed_by_deny if {
	es := entries([{"Effect": "Deny", "Action": "iam:Put*", "Resource": "*"}])
	iam.removed_by_deny(es, "iam:PutUserPolicy")
	not iam.removed_by_deny(es, "iam:AttachUserPolicy")
	not iam.removed_by_deny(entries([{"Effect": "Deny", "Action": "iam:*", "Resource": "arn:aws:iam::1:user/x"}]), "iam:PutUserPolicy")
	not iam.removed_by_deny(entries([{"Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"Bool": {"aws:ViaAWSService": "true"}}}]), "iam:PutUserPolicy")
}

# --- effective statements ---------------------------------------------------

admin_arn := "arn:aws:iam::aws:policy/AdministratorAccess"

acct := {
	"account_id": "111111111111",
	"partition": "aws",
	"policies": [
		{"arn": admin_arn, "document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}},
		{"arn": "arn:aws:iam::111111111111:policy/broken", "document": null, "document_error": "unexpected EOF"},
	],
	"groups": [{
		"name": "admins", "arn": "arn:aws:iam::111111111111:group/admins",
		"attached_policies": [{"name": "AdministratorAccess", "arn": admin_arn}],
		"inline_policies": [{"name": "g-inline", "document": {"Statement": [{"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*"}]}}],
	}],
}

test_user_inherits_group_policies if {
	u := {"groups": ["admins"], "attached_policies": [], "inline_policies": []}
	eff := iam.effective(acct, u, "user") with input as {"aws": {"accounts": [acct]}}
	count(eff.statements) == 2
	eff.unknown == []
	iam.is_admin(eff.statements)
	iam.admin_sources(eff.statements) == ["group admins: managed arn:aws:iam::aws:policy/AdministratorAccess"]
}

test_role_has_only_its_own_policies if {
	r := {"attached_policies": [], "inline_policies": [{"name": "x", "document": {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}]}
	eff := iam.effective(acct, r, "role") with input as {"aws": {"accounts": [acct]}}
	count(eff.statements) == 1
	not iam.is_admin(eff.statements)
}

test_unknown_policies_are_named if {
	u := {
		"groups": ["ghosts"],
		"attached_policies": [{"name": "broken", "arn": "arn:aws:iam::111111111111:policy/broken"}, {"name": "gone", "arn": "arn:aws:iam::111111111111:policy/gone"}],
		"inline_policies": [{"name": "bad", "document": null, "document_error": "invalid character"}],
	}
	eff := iam.effective(acct, u, "user") with input as {"aws": {"accounts": [acct]}}
	eff.statements == []
	eff.unknown == [
		"managed arn:aws:iam::111111111111:policy/broken: document did not parse: unexpected EOF",
		"managed arn:aws:iam::111111111111:policy/gone: not in the snapshot's managed policies",
		"inline bad: document did not parse: invalid character",
		"group ghosts: not in the snapshot",
	]
}

test_arn_account if {
	iam.arn_account("arn:aws:iam::123456789012:role/x") == "123456789012"
	iam.arn_account("arn:aws:s3:::bucket") == ""
	iam.arn_account("not-an-arn") == ""
}

test_duplicate_policies_and_groups_do_not_conflict if {
	dup := object.union(acct, {
		"policies": array.concat(acct.policies, [{"arn": admin_arn, "document": {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}}]),
		"groups": array.concat(acct.groups, [{"name": "admins", "attached_policies": [], "inline_policies": []}]),
	})
	u := {"groups": ["admins"], "attached_policies": [{"name": "AdministratorAccess", "arn": admin_arn}], "inline_policies": []}
	eff := iam.effective(dup, u, "user") with input as {"aws": {"accounts": [dup]}}
	iam.is_admin(eff.statements)
	eff.unknown == []
}

test_by_key if {
	iam.by_key([{"n": "a"}, {"n": "b"}], "n") == {"a": [{"n": "a"}], "b": [{"n": "b"}]}
	iam.by_key([{"n": "a", "v": 1}, {"n": "a", "v": 2}], "n") == {"a": [{"n": "a", "v": 1}, {"n": "a", "v": 2}]}
}
