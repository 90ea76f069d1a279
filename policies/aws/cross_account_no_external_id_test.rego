package rampart.aws.cross_account_no_external_id_test

import data.rampart.aws.cross_account_no_external_id as control
import rego.v1

role_arn := "arn:aws:iam::111111111111:role/r"

cfg := {"aws": {"account_ids": [], "trusted_accounts": ["999999999999"], "organization_id": "", "admin_roles": []}}

world(trust) := {"aws": {
	"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{"name": "r", "arn": role_arn, "trust_policy": trust}]}],
	"organization": {"id": "o-exampleorg1", "accounts": [{"id": "111111111111"}, {"id": "222222222222"}]},
}}

allow(principal, condition) := {"Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole", "Condition": condition}]}

status(trust) := {r.status | some r in control.results with input as world(trust) with data.rampart.config as cfg}

# A trusted vendor is still a third party: the confused deputy is a vendor.
test_trusted_vendor_without_external_id_fails if {
	status(allow({"AWS": "arn:aws:iam::999999999999:root"}, {})) == {"FAIL"}
}

test_vendor_with_external_id_passes if {
	status(allow({"AWS": "999999999999"}, {"StringEquals": {"sts:ExternalId": "a7c1e2"}})) == {"PASS"}
}

test_stranger_without_external_id_fails if {
	status(allow({"AWS": "arn:aws:iam::888888888888:role/x"}, {})) == {"FAIL"}
}

test_external_id_star_or_if_exists_is_missing if {
	status(allow({"AWS": "999999999999"}, {"StringLike": {"sts:ExternalId": "*"}})) == {"FAIL"}
	status(allow({"AWS": "999999999999"}, {"StringEqualsIfExists": {"sts:ExternalId": "a7c1e2"}})) == {"FAIL"}
}

test_each_third_party_statement_needs_it if {
	doc := {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "a7c1e2"}}},
		{"Effect": "Allow", "Principal": {"AWS": "888888888888"}, "Action": "sts:AssumeRole"},
	]}
	some r in control.results with input as world(doc) with data.rampart.config as cfg
	r.status == "FAIL"
	r.message == "role trusts third-party account 888888888888 without requiring sts:ExternalId"
}

test_wildcard_pinned_to_a_third_party_account_needs_it if {
	status(allow("*", {"StringEquals": {"aws:PrincipalAccount": "999999999999"}})) == {"FAIL"}
}

test_own_and_org_accounts_are_not_evaluated if {
	status(allow({"AWS": ["111111111111", "arn:aws:iam::222222222222:root"]}, {})) == set()
}

test_services_and_unpinned_wildcards_are_not_evaluated if {
	status(allow({"Service": "ec2.amazonaws.com"}, {})) == set()
	status(allow("*", {})) == set()
}

test_deny_statement_is_not_a_trust if {
	doc := {"Statement": [{"Effect": "Deny", "Principal": {"AWS": "888888888888"}, "Action": "sts:AssumeRole"}]}
	status(doc) == set()
}
