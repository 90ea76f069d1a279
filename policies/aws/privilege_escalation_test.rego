package rampart.aws.privilege_escalation_test

# The control reads the escalation graph's facts (analysis/awsiam, tested
# in Go); these tests pin how facts become results.

import data.rampart.aws.privilege_escalation as control
import rego.v1

acct := "111111111111"

user_arn := "arn:aws:iam::111111111111:user/ci"

role_arn := "arn:aws:iam::111111111111:role/app"

snap := {"aws": {"accounts": [{
	"account_id": acct, "partition": "aws",
	"users": [{"name": "ci", "arn": user_arn}],
	"roles": [
		{"name": "app", "arn": role_arn, "service_linked": false},
		{"name": "AWSServiceRoleForX", "arn": "arn:aws:iam::111111111111:role/aws-service-role/x/AWSServiceRoleForX", "service_linked": true},
	],
}]}}

clean := {"kind": "user", "admin": false, "identity_admin": false, "admin_grants": [], "unknown_policies": [], "notes": [], "escalation": null, "escalation_unknown": []}

chain := {
	"chain": "user/ci → iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → role/deployer → sts:AssumeRole → role/admin (admin)",
	"steps": [{"from": user_arn, "to": "arn:aws:iam::111111111111:role/deployer", "technique": "passrole-lambda-invoke"}],
	"techniques": ["passrole-lambda-invoke", "assume-role"],
	"assumed": [],
}

facts(u, r) := {"principals": {acct: {user_arn: u, role_arn: r}}}

run(u, r) := {x.resource: x | some x in control.results with input as snap with data.rampart.analysis.aws as facts(u, r)}

test_a_chain_fails_with_the_chain_as_evidence if {
	rs := run(object.union(clean, {"escalation": chain}), clean)
	rs[user_arn].status == "FAIL"
	rs[user_arn].message == sprintf("user can escalate to administrator: %s", [chain.chain])
	rs[user_arn].evidence.techniques == ["passrole-lambda-invoke", "assume-role"]
	rs[role_arn].status == "PASS"
}

test_admins_are_left_to_the_admin_control if {
	rs := run(object.union(clean, {"admin": true, "identity_admin": true}), clean)
	not rs[user_arn]
}

test_a_held_back_admin_grant_is_judged_here if {
	rs := run(object.union(clean, {"identity_admin": true, "held_back_by": ["permissions boundary x"]}), clean)
	rs[user_arn].status == "PASS"
}

test_unknown_without_a_chain_is_error if {
	rs := run(object.union(clean, {"escalation_unknown": ["inline p: document did not parse: eof"]}), clean)
	rs[user_arn].status == "ERROR"
	contains(rs[user_arn].message, "document did not parse")
}

test_service_linked_roles_are_not_evaluated if {
	rs := run(clean, clean)
	count(rs) == 2
}

test_missing_analysis_is_error_never_pass if {
	rs := {x.resource: x.status | some x in control.results with input as snap with data.rampart.analysis.aws as {"principals": {}}}
	rs == {user_arn: "ERROR", role_arn: "ERROR"}
}
