package rampart.lib.result_test

import data.rampart.lib.aws
import data.rampart.lib.result
import rego.v1

# The keys are the contract with the engine (policies/result.go): one
# missing or renamed would fail every control at evaluation.
test_make_has_every_key_in_place if {
	result.make("FAIL", "00000000-0000-0000-0000-000000000001", "", "/subscriptions/x", "Azure::Subscription", "no MFA", {"mfa": false}) == {
		"status": "FAIL",
		"account": "00000000-0000-0000-0000-000000000001",
		"region": "",
		"resource": "/subscriptions/x",
		"resource_type": "Azure::Subscription",
		"message": "no MFA",
		"evidence": {"mfa": false},
	}
}

test_make_keeps_a_region if {
	r := result.make("PASS", "example-project", "europe-west1", "projects/example-project", "GCP::Project", "ok", {})
	r.region == "europe-west1"
	r.account == "example-project"
	r.evidence == {}
}

# The AWS helper is the same builder with the account object's id.
test_aws_result_is_make_with_the_account_id if {
	account := {"account_id": "111111111111", "partition": "aws"}
	r := aws.result("ERROR", account, "eu-west-1", "arn:aws:iam::111111111111:root", "AWS::Account", "x", {"a": 1})
	r == result.make("ERROR", "111111111111", "eu-west-1", "arn:aws:iam::111111111111:root", "AWS::Account", "x", {"a": 1})
}
