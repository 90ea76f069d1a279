package rampart.aws.oidc_trust_unrestricted_test

import data.rampart.aws.oidc_trust_unrestricted as control
import rego.v1

role_arn := "arn:aws:iam::111111111111:role/github-deploy"

gh := "token.actions.githubusercontent.com"

gh_arn := "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"

world(trust) := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{"name": "r", "arn": role_arn, "trust_policy": trust}]}]}}

web(federated, condition) := {"Statement": [{
	"Effect": "Allow", "Principal": {"Federated": federated},
	"Action": "sts:AssumeRoleWithWebIdentity", "Condition": condition,
}]}

status(trust) := {r.status | some r in control.results with input as world(trust)}

github(op, sub) := web(gh_arn, {
	"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
	op: {"token.actions.githubusercontent.com:sub": sub},
})

test_github_repo_pinned_passes if {
	status(github("StringEquals", "repo:acme/app:ref:refs/heads/main")) == {"PASS"}
	status(github("StringLike", "repo:acme/app:*")) == {"PASS"}
	status(github("StringLike", ["repo:acme/app:ref:refs/heads/main", "repo:acme/infra:environment:prod"])) == {"PASS"}
}

test_github_wildcard_owner_or_repo_fails if {
	status(github("StringLike", "repo:acme/*")) == {"FAIL"}
	status(github("StringLike", "repo:*")) == {"FAIL"}
	status(github("StringLike", "*")) == {"FAIL"}
	status(github("StringLike", "repo:acme/app*")) == {"FAIL"}
	status(github("StringLike", "repo:*/app:*")) == {"FAIL"}
}

test_one_open_alternative_fails if {
	status(github("StringLike", ["repo:acme/app:*", "repo:acme/*"])) == {"FAIL"}
}

test_wildcard_under_string_equals_is_judged_as_a_pattern if {
	status(github("StringEquals", "repo:acme/*")) == {"FAIL"}
}

test_only_aud_pinned_fails if {
	status(web(gh_arn, {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})) == {"FAIL"}
}

test_no_condition_fails if {
	status(web(gh_arn, {})) == {"FAIL"}
	status({"Statement": {"Effect": "Allow", "Principal": {"Federated": gh}, "Action": "sts:AssumeRoleWithWebIdentity"}}) == {"FAIL"}
}

test_bare_host_principal_and_case_insensitive_key if {
	status(web(gh, {"StringLike": {"Token.Actions.GithubUserContent.com:SUB": "repo:acme/app:*"}})) == {"PASS"}
}

test_sub_of_another_provider_does_not_count if {
	status(web(gh_arn, {"StringEquals": {"gitlab.com:sub": "project_path:acme/app:ref_type:branch:ref:main"}})) == {"FAIL"}
}

test_for_all_values_pins_nothing if {
	status(github("ForAllValues:StringLike", "repo:acme/app:*")) == {"FAIL"}
}

test_string_not_like_pins_nothing if {
	status(github("StringNotLike", "repo:evil/*")) == {"FAIL"}
}

test_terraform_cloud if {
	tfc := "arn:aws:iam::111111111111:oidc-provider/app.terraform.io"
	status(web(tfc, {"StringLike": {"app.terraform.io:sub": "organization:acme:project:platform:workspace:*:run_phase:*"}})) == {"PASS"}
	status(web(tfc, {"StringLike": {"app.terraform.io:sub": "organization:acme:*"}})) == {"FAIL"}
	status(web(tfc, {"StringLike": {"app.terraform.io:sub": "organization:*"}})) == {"FAIL"}
}

test_gitlab if {
	gl := "arn:aws:iam::111111111111:oidc-provider/gitlab.com"
	status(web(gl, {"StringLike": {"gitlab.com:sub": "project_path:acme/platform/app:ref_type:branch:ref:*"}})) == {"PASS"}
	status(web(gl, {"StringLike": {"gitlab.com:sub": "project_path:acme/*"}})) == {"FAIL"}
}

test_eks if {
	eks := "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C3F1A2B"
	status(web(eks, {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/5C3F1A2B:sub": "system:serviceaccount:payments:api"}})) == {"PASS"}
	status(web(eks, {"StringLike": {"oidc.eks.eu-west-1.amazonaws.com/id/5C3F1A2B:sub": "system:serviceaccount:payments:*"}})) == {"PASS"}
	status(web(eks, {"StringLike": {"oidc.eks.eu-west-1.amazonaws.com/id/5C3F1A2B:sub": "system:serviceaccount:*"}})) == {"FAIL"}
	status(web(eks, {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/5C3F1A2B:aud": "sts.amazonaws.com"}})) == {"FAIL"}
}

test_other_providers_allow_no_wildcard if {
	status(web("accounts.google.com", {"StringEquals": {"accounts.google.com:sub": "104857600000000000001"}})) == {"PASS"}
	status(web("accounts.google.com", {"StringLike": {"accounts.google.com:sub": "1048*"}})) == {"FAIL"}
}

test_cognito_pins_the_identity_pool if {
	status(web("cognito-identity.amazonaws.com", {"StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}})) == {"PASS"}
	status(web("cognito-identity.amazonaws.com", {"StringLike": {"cognito-identity.amazonaws.com:aud": "*"}})) == {"FAIL"}
}

test_roles_without_web_identity_are_not_evaluated if {
	status({"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/okta"}, "Action": "sts:AssumeRoleWithSAML"}]}) == set()
	status({"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}) == set()
}

test_deny_statement_is_not_a_trust if {
	status({"Statement": [{"Effect": "Deny", "Principal": {"Federated": gh_arn}, "Action": "sts:AssumeRoleWithWebIdentity"}]}) == set()
}

test_evidence_names_the_provider if {
	some r in control.results with input as world(github("StringLike", "repo:acme/*"))
	r.evidence.unpinned[0].provider == gh
	r.resource == role_arn
}

test_unparsed_trust_policy_is_error if {
	snap := {"aws": {"accounts": [{"account_id": "111111111111", "partition": "aws", "roles": [{"name": "r", "arn": role_arn, "trust_policy": null, "trust_policy_error": "bad"}]}]}}
	{r.status | some r in control.results with input as snap} == {"ERROR"}
}
