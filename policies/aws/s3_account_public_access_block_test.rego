package rampart.aws.s3_account_public_access_block_test

import data.rampart.aws.s3_account_public_access_block
import rego.v1

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

only(b) := r if {
	rs := s3_account_public_access_block.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "s3_public_access_block": b}]}}
	count(rs) == 1
	some r in rs
}

test_passes_all_on if {
	only(all_on).status == "PASS"
}

test_fails_one_off if {
	r := only(object.union(all_on, {"restrict_public_buckets": false}))
	r.status == "FAIL"
	contains(r.message, "restrict_public_buckets")
}

test_fails_none_configured if {
	only(null).status == "FAIL"
}
