package custom.user_owner_tag_test

import data.custom.user_owner_tag
import rego.v1

test_untagged_user_fails if {
	some r in user_owner_tag.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "users": [{"name": "a", "arn": "arn:aws:iam::111111111111:user/a"}]}]}}
	r.status == "FAIL"
}
