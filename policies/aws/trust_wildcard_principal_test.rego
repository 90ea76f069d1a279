package rampart.aws.trust_wildcard_principal_test

import data.rampart.aws.trust_wildcard_principal as control
import rego.v1

role_arn := "arn:aws:iam::111111111111:role/r"

world(trust) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{
	"name": "r", "arn": role_arn, "trust_policy": trust,
}]}]}}

allow(principal, condition) := {"Version": "2012-10-17", "Statement": [{
	"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole", "Condition": condition,
}]}

status(trust) := {r.status | some r in control.results with input as world(trust)}

test_star_principal_fails if {
	status(allow("*", {})) == {"FAIL"}
}

test_aws_star_in_a_list_fails if {
	status(allow({"AWS": ["arn:aws:iam::111111111111:root", "*"]}, {})) == {"FAIL"}
}

test_not_principal_is_a_wildcard if {
	doc := {"Statement": {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}}
	status(doc) == {"FAIL"}
}

test_single_statement_object_form if {
	status({"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}}) == {"FAIL"}
}

test_pinned_by_org_passes if {
	status(allow("*", {"StringEquals": {"aws:PrincipalOrgID": "o-exampleorg1"}})) == {"PASS"}
}

test_pinned_by_account_external_id_or_source_passes if {
	status(allow("*", {"StringEquals": {"aws:PrincipalAccount": "222222222222"}})) == {"PASS"}
	status(allow("*", {"StringEquals": {"sts:ExternalId": "vendor-7f3a"}})) == {"PASS"}
	status(allow("*", {"StringEquals": {"aws:SourceAccount": "222222222222"}})) == {"PASS"}
	status(allow("*", {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:222222222222:topic"}})) == {"PASS"}
	status(allow("*", {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-exampleorg1/r-ab12/ou-ab12-11111111/*"}})) == {"PASS"}
}

test_condition_value_star_pins_nothing if {
	status(allow("*", {"StringLike": {"aws:PrincipalOrgID": "*"}})) == {"FAIL"}
	status(allow("*", {"StringLike": {"aws:PrincipalOrgID": "o-*"}})) == {"FAIL"}
}

test_if_exists_on_org_id_pins_nothing if {
	status(allow("*", {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorg1"}})) == {"FAIL"}
}

test_unrelated_condition_pins_nothing if {
	status(allow("*", {"Bool": {"aws:MultiFactorAuthPresent": "true"}})) == {"FAIL"}
	status(allow("*", {"StringNotEquals": {"aws:PrincipalOrgID": "o-exampleorg1"}})) == {"FAIL"}
}

test_deny_statement_never_fails if {
	doc := {"Statement": [
		{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
	]}
	status(doc) == {"PASS"}
}

test_named_principals_pass if {
	status(allow({"AWS": "123456789012", "Service": "lambda.amazonaws.com"}, {})) == {"PASS"}
}

test_star_on_tag_session_only_grants_nothing if {
	doc := {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:TagSession"}]}
	status(doc) == {"PASS"}
}

test_unparsed_trust_policy_is_error if {
	snap := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{
		"name": "r", "arn": role_arn, "trust_policy": null, "trust_policy_error": "invalid character",
	}]}]}}
	{r.status | some r in control.results with input as snap} == {"ERROR"}
}

test_not_collected_trust_policy_is_skipped if {
	snap := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{"name": "r", "arn": role_arn, "trust_policy": null}]}]}}
	count(control.results) == 0 with input as snap
}

test_result_names_the_role if {
	some r in control.results with input as world(allow("*", {}))
	r.resource == role_arn
	r.account == "111111111111"
	r.evidence.open_statements[0].principal == "*"
}
