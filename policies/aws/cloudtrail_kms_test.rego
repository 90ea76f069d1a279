package rampart.aws.cloudtrail_kms_test

import data.rampart.aws.cloudtrail_kms
import rego.v1

arn := "arn:aws:cloudtrail:us-east-1:111111111111:trail/t"

only(t) := r if {
	rs := cloudtrail_kms.results with input as {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "trails": [t]}]}}
	count(rs) == 1
	some r in rs
}

test_passes_with_key if {
	only({"name": "t", "arn": arn, "kms_key_id": "arn:aws:kms:us-east-1:111111111111:key/k"}).status == "PASS"
}

test_fails_without_key if {
	only({"name": "t", "arn": arn, "kms_key_id": ""}).status == "FAIL"
}

# kms_key_id is omitted from the snapshot when empty.
test_fails_when_key_omitted if {
	only({"name": "t", "arn": arn}).status == "FAIL"
}
