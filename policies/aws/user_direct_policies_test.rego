package rampart.aws.user_direct_policies_test

import data.rampart.aws.user_direct_policies
import rego.v1

user(attached, inline) := {"name": "u", "arn": "arn:aws:iam::111111111111:user/u", "attached_policies": attached, "inline_policies": inline}

only(u) := r if {
	rs := user_direct_policies.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "users": [u]}]}}
	count(rs) == 1
	some r in rs
}

test_fails_attached_policy if {
	r := only(user([{"name": "ReadOnlyAccess", "arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}], []))
	r.status == "FAIL"
	r.evidence.attached_policies == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

test_fails_inline_policy if {
	r := only(user([], [{"name": "s3-access", "document": {}}]))
	r.status == "FAIL"
	r.evidence.inline_policies == ["s3-access"]
}

# An inline policy that does not parse is still a direct policy.
test_fails_unparsed_inline_policy if {
	only(user([], [{"name": "broken", "document": null, "document_error": "bad json"}])).status == "FAIL"
}

test_passes_groups_only if {
	only(user([], [])).status == "PASS"
}

test_no_result_when_policies_not_collected if {
	count(user_direct_policies.results) == 0 with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "users": [user(null, [])]}]}}
}
