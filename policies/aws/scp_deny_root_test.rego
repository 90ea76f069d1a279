package rampart.aws.scp_deny_root_test

import data.rampart.aws.scp_deny_root
import rego.v1

root_target := {"id": "r-1", "type": "ROOT"}

deny_root := {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}

scp(doc, targets) := {"id": "p-1", "name": "deny-root", "type": "SERVICE_CONTROL_POLICY", "document": doc, "targets": targets}

org(policies, parents) := {"aws": {"accounts": [], "organization": {
	"id": "o-1", "arn": "arn:aws:organizations::111111111111:organization/o-1",
	"management_account_id": "111111111111",
	"accounts": [{"id": "111111111111", "parents": ["r-1"]}, {"id": "222222222222", "parents": parents}],
	"policies": policies,
}}}

member_status(policies, parents) := r.status if {
	some r in scp_deny_root.results with input as org(policies, parents)
	r.account == "222222222222"
}

test_passes_root_attached_deny if {
	member_status([scp({"Statement": [deny_root]}, [root_target])], ["r-1"]) == "PASS"
}

# Statement as a single object, Action as a list, the condition as a list.
test_passes_single_statement_list_forms if {
	s := object.union(deny_root, {"Action": ["*"], "Condition": {"ArnLike": {"aws:PrincipalARN": ["arn:aws:iam::*:root"]}}})
	member_status([scp({"Statement": s}, [root_target])], ["r-1"]) == "PASS"
}

test_passes_attached_to_ou_above if {
	member_status([scp({"Statement": [deny_root]}, [{"id": "ou-prod", "type": "ORGANIZATIONAL_UNIT"}])], ["r-1", "ou-prod"]) == "PASS"
}

test_passes_attached_to_account if {
	member_status([scp({"Statement": [deny_root]}, [{"id": "222222222222", "type": "ACCOUNT"}])], ["r-1"]) == "PASS"
}

test_fails_attached_elsewhere if {
	member_status([scp({"Statement": [deny_root]}, [{"id": "ou-dev", "type": "ORGANIZATIONAL_UNIT"}])], ["r-1", "ou-prod"]) == "FAIL"
}

test_fails_without_scp if {
	member_status([], ["r-1"]) == "FAIL"
}

test_fails_partial_actions if {
	s := object.union(deny_root, {"Action": ["iam:*", "s3:*"]})
	member_status([scp({"Statement": [s]}, [root_target])], ["r-1"]) == "FAIL"
}

test_fails_allow_statement if {
	s := object.union(deny_root, {"Effect": "Allow"})
	member_status([scp({"Statement": [s]}, [root_target])], ["r-1"]) == "FAIL"
}

test_fails_condition_not_on_root if {
	s := object.union(deny_root, {"Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/intern-*"}}})
	member_status([scp({"Statement": [s]}, [root_target])], ["r-1"]) == "FAIL"
}

# An extra condition could narrow the deny to nothing: not counted.
test_fails_extra_condition if {
	s := object.union(deny_root, {"Condition": {
		"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"},
		"StringEquals": {"aws:RequestedRegion": "ap-south-2"},
	}})
	member_status([scp({"Statement": [s]}, [root_target])], ["r-1"]) == "FAIL"
}

# Pinning another account's root does not protect this one.
test_fails_other_accounts_root if {
	s := object.union(deny_root, {"Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::999999999999:root"}}})
	member_status([scp({"Statement": [s]}, [root_target])], ["r-1"]) == "FAIL"
}

test_error_unparsed_document if {
	p := object.union(scp(null, [root_target]), {"document_error": "invalid JSON"})
	member_status([p], ["r-1"]) == "ERROR"
}

test_error_ou_attachment_with_unknown_parents if {
	member_status([scp({"Statement": [deny_root]}, [{"id": "ou-prod", "type": "ORGANIZATIONAL_UNIT"}])], null) == "ERROR"
}

test_no_result_for_management_account if {
	rs := scp_deny_root.results with input as org([], ["r-1"])
	count(rs) == 1
	every r in rs {
		r.account == "222222222222"
	}
}

test_no_result_without_organization if {
	count(scp_deny_root.results) == 0 with input as {"aws": {"accounts": []}}
}

test_error_targets_not_collected if {
	member_status([scp({"Statement": [deny_root]}, null)], ["r-1"]) == "ERROR"
}

# Without the policy list nothing is judged (the engine reports the gap).
test_no_result_when_policies_not_collected if {
	count(scp_deny_root.results) == 0 with input as org(null, ["r-1"])
}
