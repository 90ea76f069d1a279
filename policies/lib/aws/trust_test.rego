package rampart.lib.aws.trust_test

import data.rampart.lib.aws.trust
import rego.v1

world := {"aws": {
	"accounts": [{"account_id": "111111111111"}],
	"organization": {"id": "o-exampleorg1", "accounts": [{"id": "111111111111"}, {"id": "222222222222"}]},
}}

cfg := {"aws": {"account_ids": ["333333333333"], "trusted_accounts": ["999999999999"], "organization_id": "", "admin_roles": []}}

# --- own accounts -----------------------------------------------------------

test_own_accounts_are_scanned_org_and_configured if {
	trust.own_accounts == {"111111111111", "222222222222", "333333333333"} with input as world
		with data.rampart.config as cfg
	trust.trusted_accounts == {"999999999999"} with data.rampart.config as cfg
}

test_org_id_from_snapshot_first if {
	trust.own_org_ids == {"o-exampleorg1"} with input as world
		with data.rampart.config as object.union(cfg, {"aws": {"organization_id": "o-configorg99"}})
}

test_org_id_from_config_without_organization if {
	trust.own_org_ids == {"o-configorg99"} with input as {"aws": {"accounts": [], "organization": null}}
		with data.rampart.config as object.union(cfg, {"aws": {"organization_id": "o-configorg99"}})
}

# --- principals -------------------------------------------------------------

test_principal_forms if {
	trust.principals({"Principal": "*"}) == [{"type": "AWS", "value": "*"}]
	trust.principals({"Principal": {"AWS": "*"}}) == [{"type": "AWS", "value": "*"}]
	trust.principals({"NotPrincipal": {"AWS": "arn:aws:iam::111111111111:root"}}) == [{"type": "AWS", "value": "*"}]
	ps := trust.principals({"Principal": {"AWS": ["123456789012", "arn:aws:iam::222222222222:role/x"], "Service": "ec2.amazonaws.com"}})
	count(ps) == 3
	{"type": "Service", "value": "ec2.amazonaws.com"} in ps
}

test_principal_account_in_every_form if {
	trust.principal_account({"type": "AWS", "value": "123456789012"}) == "123456789012"
	trust.principal_account({"type": "AWS", "value": "arn:aws:iam::123456789012:root"}) == "123456789012"
	trust.principal_account({"type": "AWS", "value": "arn:aws:iam::123456789012:role/path/to/deployer"}) == "123456789012"
	trust.principal_account({"type": "AWS", "value": "arn:aws:sts::123456789012:assumed-role/r/session"}) == "123456789012"
	trust.principal_account({"type": "AWS", "value": "arn:aws-us-gov:iam::123456789012:user/u"}) == "123456789012"
	not trust.principal_account({"type": "AWS", "value": "AROAEXAMPLEUNIQUEID"})
	not trust.principal_account({"type": "Service", "value": "ec2.amazonaws.com"})
}

test_wildcard_aws if {
	trust.wildcard_aws({"type": "AWS", "value": "*"})
	trust.wildcard_aws({"type": "AWS", "value": "arn:aws:iam::*:root"})
	not trust.wildcard_aws({"type": "AWS", "value": "123456789012"})
	not trust.wildcard_aws({"type": "Service", "value": "*"})
}

test_oidc_host_forms if {
	trust.oidc_host({"type": "Federated", "value": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"}) == "token.actions.githubusercontent.com"
	trust.oidc_host({"type": "Federated", "value": "token.actions.githubusercontent.com"}) == "token.actions.githubusercontent.com"
	trust.oidc_host({"type": "Federated", "value": "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"}) == "oidc.eks.eu-west-1.amazonaws.com/id/ABC123"
	not trust.oidc_host({"type": "Federated", "value": "arn:aws:iam::111111111111:saml-provider/okta"})
	not trust.oidc_host({"type": "AWS", "value": "*"})
}

# --- statements -------------------------------------------------------------

test_only_allow_assume_statements_grant if {
	doc := {"Statement": [
		{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": "*", "Action": "sts:TagSession"},
		{"Effect": "Allow", "Principal": "*", "Action": "sts:*"},
		{"Effect": "Allow", "Principal": "*", "Action": ["sts:AssumeRoleWithWebIdentity"]},
	]}
	count(trust.allow_statements(doc)) == 2
	trust.allow_statements({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}) != []
}

# --- conditions -------------------------------------------------------------

test_operator_parsing if {
	trust.parse_operator("StringEquals") == {"op": "StringEquals", "if_exists": false, "set": ""}
	trust.parse_operator("ForAnyValue:StringLikeIfExists") == {"op": "StringLike", "if_exists": true, "set": "ForAnyValue"}
}

test_condition_keys_are_case_insensitive if {
	trust.pinned_values({"Condition": {"StringEquals": {"AWS:PrincipalOrgId": "o-exampleorg1"}}}, "aws:principalorgid") == ["o-exampleorg1"]
}

pins(cond) := trust.caller_pins({"Condition": cond})

test_values_that_pin if {
	pins({"StringEquals": {"aws:PrincipalOrgID": "o-exampleorg1"}}) == {"aws:principalorgid": ["o-exampleorg1"]}
	pins({"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-exampleorg1/r-ab12/*"}}) == {"aws:principalorgpaths": ["o-exampleorg1/r-ab12/*"]}
	pins({"StringEquals": {"aws:PrincipalAccount": ["111111111111", "222222222222"]}}) == {"aws:principalaccount": ["111111111111", "222222222222"]}
	pins({"StringEquals": {"aws:SourceAccount": "111111111111"}}) != {}
	pins({"ArnLike": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111111111111:*"}}) != {}
	pins({"StringEquals": {"sts:ExternalId": "a1b2c3"}}) == {"sts:externalid": ["a1b2c3"]}
	trust.caller_pins({"Action": "sts:AssumeRole", "Effect": "Allow", "Condition": {"StringEqualsIfExists": {"aws:PrincipalAccount": "111111111111"}}}) != {}
	pins({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::222222222222:role/ci-*"}}) == {"aws:principalarn": ["arn:aws:iam::222222222222:role/ci-*"]}
}

test_values_that_pin_nothing if {
	pins({"StringLike": {"aws:PrincipalOrgID": "*"}}) == {}
	pins({"StringEquals": {"aws:PrincipalOrgID": "*"}}) == {}
	pins({"StringLike": {"aws:PrincipalOrgID": "o-*"}}) == {}
	pins({"StringLike": {"aws:PrincipalOrgPaths": "o-*/*"}}) == {}
	pins({"StringLike": {"aws:PrincipalAccount": "1111*"}}) == {}
	pins({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:topic"}}) == {}
	pins({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}}) == {}
	pins({"StringLike": {"sts:ExternalId": "*"}}) == {}
	pins({"StringEquals": {"sts:ExternalId": ""}}) == {}

	# one open alternative opens the statement
	pins({"StringEquals": {"aws:PrincipalOrgID": ["o-exampleorg1", "*"]}}) == {}
}

test_operators_that_pin_nothing if {
	pins({"StringNotEquals": {"aws:PrincipalOrgID": "o-exampleorg1"}}) == {}
	pins({"Null": {"aws:PrincipalOrgID": "false"}}) == {}
	pins({"ForAllValues:StringEquals": {"aws:PrincipalOrgPaths": "o-exampleorg1/r-ab12/"}}) == {}

	# a caller outside any organization has no org ID: IfExists lets it in
	pins({"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorg1"}}) == {}
	pins({"StringEqualsIfExists": {"sts:ExternalId": "a1b2c3"}}) == {}
	pins({"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111111111111:t"}}) == {}

	# an unsigned web-identity or SAML call carries no principal account
	trust.caller_pins({"Action": "sts:*", "Effect": "Allow", "Condition": {"StringEqualsIfExists": {"aws:PrincipalAccount": "111111111111"}}}) == {}
}

test_has_external_id_is_boolean if {
	trust.has_external_id({"Condition": {"StringEquals": {"sts:ExternalId": "x1"}}}) == true
	trust.has_external_id({}) == false
}

# --- grants -----------------------------------------------------------------

test_grants_of_named_principals if {
	s := {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {
		"AWS": ["888888888888", "arn:aws:iam::999999999999:root", "AIDAGONE"],
		"Service": "ec2.amazonaws.com",
	}}
	trust.grants(s) == [
		{"kind": "account", "id": "888888888888", "principal": "888888888888"},
		{"kind": "account", "id": "999999999999", "principal": "arn:aws:iam::999999999999:root"},
	]
}

test_grants_of_wildcards if {
	trust.grants({"Principal": "*"}) == [{"kind": "any", "id": "*", "principal": "*"}]
	trust.grants({"Principal": "*", "Condition": {"StringEquals": {"sts:ExternalId": "x1"}}}) == [{"kind": "any", "id": "*", "principal": "*"}]
	trust.grants({"Principal": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-other12345"}}}) == [{"kind": "org", "id": "o-other12345", "principal": "*"}]
	trust.grants({"Principal": {"AWS": "*"}, "Condition": {"StringEquals": {"aws:PrincipalAccount": "888888888888"}}}) == [{"kind": "account", "id": "888888888888", "principal": "*"}]
	trust.grants({"Principal": "*", "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::888888888888:role/x"}}}) == [{"kind": "account", "id": "888888888888", "principal": "*"}]
}

test_is_own_and_trusted if {
	trust.is_own({"kind": "account", "id": "222222222222"}, "111111111111") with input as world with data.rampart.config as cfg
	trust.is_own({"kind": "account", "id": "444444444444"}, "444444444444") with input as world with data.rampart.config as cfg
	trust.is_own({"kind": "org", "id": "o-exampleorg1"}, "111111111111") with input as world with data.rampart.config as cfg
	not trust.is_own({"kind": "account", "id": "999999999999"}, "111111111111") with input as world with data.rampart.config as cfg
	trust.is_trusted({"kind": "account", "id": "999999999999"}) with data.rampart.config as cfg
	not trust.is_own({"kind": "any", "id": "*"}, "111111111111") with input as world with data.rampart.config as cfg
}

test_non_string_values_are_read_as_strings if {
	trust.principals({"Principal": {"AWS": 123456789012}}) == [{"type": "AWS", "value": "123456789012"}]
	trust.pinned_values({"Condition": {"StringEquals": {"aws:PrincipalAccount": 111111111111}}}, "aws:principalaccount") == ["111111111111"]
	trust.caller_pins({"Condition": {"Bool": {"aws:SecureTransport": true}}}) == {}
}

test_unreadable_trust_policies if {
	trust.unreadable({"trust_policy": null, "trust_policy_error": "invalid character 'x'"}) == "trust policy did not parse: invalid character 'x'"
	trust.unreadable({"trust_policy": "%7B%22Version%22"}) == "trust policy is not a policy document (expected a JSON object)"
	not trust.unreadable({"trust_policy": null})
	not trust.unreadable({"trust_policy": {"Statement": []}})
}

# Two conditions on one key (ANDed) must not make a function conflict,
# which would fail the whole evaluation.
test_several_conditions_on_one_key if {
	trust.pinned_values(
		{"Condition": {
			"StringEquals": {"aws:PrincipalAccount": "222222222222", "AWS:PrincipalAccount": "333333333333"},
			"ForAnyValue:StringEquals": {"aws:PrincipalAccount": "111111111111"},
		}},
		"aws:principalaccount",
	) == ["111111111111", "222222222222", "333333333333"]
	trust.pinned_values(
		{"Condition": {
			"StringEquals": {"aws:PrincipalOrgID": "o-exampleorg1"},
			"StringLike": {"aws:PrincipalOrgID": "o-*"},
		}},
		"aws:principalorgid",
	) == ["o-exampleorg1"]
}
