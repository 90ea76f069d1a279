package rampart.aws.cross_account_trust_test

import data.rampart.aws.cross_account_trust as control
import rego.v1

role_arn := "arn:aws:iam::111111111111:role/r"

cfg := {"aws": {"account_ids": ["555555555555"], "trusted_accounts": ["999999999999"], "organization_id": "", "admin_roles": []}}

world(trust) := {"aws": {
	"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{"name": "r", "arn": role_arn, "trust_policy": trust}]}],
	"organization": {"id": "o-exampleorg1", "accounts": [{"id": "111111111111"}, {"id": "222222222222"}]},
}}

allow(principal, condition) := {"Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole", "Condition": condition}]}

results(trust) := rs if {
	rs := control.results with input as world(trust) with data.rampart.config as cfg
}

status(trust) := {r.status | some r in results(trust)}

test_stranger_root_arn_fails if {
	status(allow({"AWS": "arn:aws:iam::888888888888:root"}, {})) == {"FAIL"}
}

test_stranger_bare_account_id_fails if {
	status(allow({"AWS": "888888888888"}, {})) == {"FAIL"}
}

test_stranger_role_and_assumed_role_fail if {
	status(allow({"AWS": "arn:aws:iam::888888888888:role/team/deployer"}, {})) == {"FAIL"}
	status(allow({"AWS": "arn:aws:sts::888888888888:assumed-role/deployer/s1"}, {})) == {"FAIL"}
}

test_stranger_in_a_mixed_list_fails if {
	some r in results(allow({"AWS": ["222222222222", "arn:aws:iam::888888888888:root"]}, {}))
	r.status == "FAIL"
	r.message == "role can be assumed from outside the organization and the trusted accounts: account 888888888888"
}

test_own_org_and_configured_accounts_pass if {
	status(allow({"AWS": ["111111111111", "arn:aws:iam::222222222222:root", "555555555555"]}, {})) == {"PASS"}
}

test_trusted_vendor_passes if {
	status(allow({"AWS": "arn:aws:iam::999999999999:root"}, {"StringEquals": {"sts:ExternalId": "x"}})) == {"PASS"}
}

test_service_and_federated_principals_pass if {
	status(allow({"Service": ["ec2.amazonaws.com"], "Federated": "arn:aws:iam::111111111111:saml-provider/okta"}, {})) == {"PASS"}
}

test_wildcard_pinned_to_own_org_passes if {
	status(allow("*", {"StringEquals": {"aws:PrincipalOrgID": "o-exampleorg1"}})) == {"PASS"}
}

test_wildcard_pinned_to_other_org_fails if {
	some r in results(allow("*", {"StringEquals": {"aws:PrincipalOrgID": "o-otherorg999"}}))
	r.status == "FAIL"
	contains(r.message, "organization o-otherorg999")
}

test_wildcard_pinned_to_stranger_account_fails if {
	status(allow({"AWS": "*"}, {"StringEquals": {"aws:PrincipalAccount": "888888888888"}})) == {"FAIL"}
}

test_wildcard_with_external_id_only_fails if {
	some r in results(allow("*", {"StringEquals": {"sts:ExternalId": "x"}}))
	r.status == "FAIL"
	contains(r.message, "any AWS account")
}

test_deny_statement_never_fails if {
	doc := {"Statement": [
		{"Effect": "Deny", "Principal": {"AWS": "888888888888"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole"},
	]}
	status(doc) == {"PASS"}
}

test_config_org_id_when_snapshot_has_no_organization if {
	snap := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{"name": "r", "arn": role_arn, "trust_policy": allow("*", {"StringEquals": {"aws:PrincipalOrgID": "o-configorg99"}})}]}]}}
	c := object.union(cfg, {"aws": {"organization_id": "o-configorg99"}})
	{r.status | some r in control.results with input as snap with data.rampart.config as c} == {"PASS"}
}

test_unparsed_trust_policy_is_error if {
	snap := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{"name": "r", "arn": role_arn, "trust_policy": null, "trust_policy_error": "bad"}]}]}}
	{r.status | some r in control.results with input as snap} == {"ERROR"}
}

# Results that need no organization data say so, so that offline evidence
# (no Organizations) still decides them; the others do not.
test_independence_from_organizations if {
	some svc in results(allow({"Service": "ec2.amazonaws.com"}, {}))
	svc.evidence.independent_of == ["organizations"]
	some own in results(allow({"AWS": "arn:aws:iam::111111111111:root"}, {}))
	own.evidence.independent_of == ["organizations"]
	some any in results(allow({"AWS": "*"}, {}))
	any.status == "FAIL"
	any.evidence.independent_of == ["organizations"]
	some org in results(allow({"AWS": "arn:aws:iam::222222222222:root"}, {}))
	not org.evidence.independent_of
}
