# METADATA
# title: Web-identity trusts pin the subject
# description: |
#   A role trusting an OIDC provider (GitHub Actions, Terraform Cloud,
#   GitLab, EKS, ...) is assumable by every token that provider issues —
#   every repository on GitHub, every workspace on Terraform Cloud — unless
#   the trust pins the token's subject ("<provider-host>:sub"). Pinning only
#   the audience (aud) does not help: it is the same for everyone.
#   Per provider, a sub value pins when it has no wildcard, or when its
#   pattern fixes at least:
#     token.actions.githubusercontent.com  owner and repository: "repo:acme/app:*"
#                                          ("repo:acme/*", "repo:*", "*" do not)
#     app.terraform.io                     organization and project:
#                                          "organization:acme:project:p:workspace:*"
#     gitlab.com                           group and project: "project_path:group/project:*"
#     oidc.eks.<region>.amazonaws.com/id/… namespace: "system:serviceaccount:ns:*"
#     any other provider                   no wildcard at all
#   Cognito identity pools (cognito-identity.amazonaws.com) are pinned by
#   their aud (the identity pool ID) instead, without wildcard. Operators:
#   StringEquals or StringLike (and ForAnyValue:/IfExists forms; a token
#   always carries sub and aud). Every alternative value must pin.
# custom:
#   id: aws-oidc-trust-unrestricted
#   severity: critical
#   frameworks: {}
#   mitre: [T1078.004]
#   remediation: |
#     Pin the subject in the trust policy, e.g. for GitHub Actions
#     "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
#                   "StringLike": {"token.actions.githubusercontent.com:sub": "repo:ORG/REPO:ref:refs/heads/main"}}
#     then apply it: aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json
#   escalation: CISO + Cloud architecture
#   requires: ["iam:GetAccountAuthorizationDetails", "iam:assume_role_policy"]
#   iac: Y
package rampart.aws.oidc_trust_unrestricted

import data.rampart.lib.aws.iam
import data.rampart.lib.aws.trust
import rego.v1

type := "AWS::IAM::Role"

# providers: one entry per (Allow statement, OIDC provider) of a trust policy.
providers(doc) := [{"provider": host, "pinned": pinned(s, host), "claims": claims(s, host)} |
	some s in trust.allow_statements(doc)
	some p in trust.principals(s)
	host := trust.oidc_host(p)
]

pinned(s, host) if {
	claim_pinned(s, host)
} else := false

# claim_pinned: one pinning-form condition on the claim whose every value
# pins (conditions on one key under different operators are ANDed, so
# one that pins is enough; alternatives within one are ORed, so each must).
claim_pinned(s, host) if {
	host != "cognito-identity.amazonaws.com"
	some c in claim_conditions(s, concat("", [lower(host), ":sub"]))
	every v in c.values {
		sub_pins(host, v)
	}
}

claim_pinned(s, "cognito-identity.amazonaws.com") if {
	some c in claim_conditions(s, "cognito-identity.amazonaws.com:aud")
	every v in c.values {
		literal(v)
	}
}

claim_conditions(s, key) := [c |
	some c in trust.conditions(s)
	c.key == key
	trust.pinning_form(c)
	count(c.values) > 0
]

# claims: every condition on the provider's claims, for evidence.
claims(s, host) := [c |
	some c in trust.conditions(s)
	startswith(c.key, concat("", [lower(host), ":"]))
]

literal(v) if {
	is_string(v)
	v != ""
	not iam.has_wildcard(v)
}

sub_pins(_, v) if literal(v)

sub_pins("token.actions.githubusercontent.com", v) if regex.match(`^repo:[^*?/:]+/[^*?/:]+:`, v)

sub_pins("app.terraform.io", v) if regex.match(`^organization:[^*?:]+:project:[^*?:]+:`, v)

sub_pins("gitlab.com", v) if regex.match(`^project_path:[^*?:/]+(/[^*?:/]+)+:`, v)

sub_pins(host, v) if {
	regex.match(`^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com/id/`, host)
	regex.match(`^system:serviceaccount:[^*?:]+:`, v)
}

# judged pairs every role whose trust policy is readable and trusts a
# web-identity provider with its verdict, [status, message, evidence]. The
# verdict depends on the document alone, and OPA memoizes the call: roles
# sharing a trust policy share one evaluation (policies/README.md,
# "Writing a fast control").
judged := [[account.account_id, role, v] |
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
	v := verdict(role.trust_policy)
]

verdict(doc) := v if {
	ps := providers(doc)
	count(ps) > 0
	v := judge(ps)
}

judge(ps) := [
	"FAIL",
	sprintf("web-identity trust of %s does not pin the token subject to a repository or project", [concat(", ", sort({p.provider | some p in open}))]),
	{"unpinned": open},
] if {
	open := [p | some p in ps; not p.pinned]
	count(open) > 0
} else := [
	"PASS",
	sprintf("web-identity trust of %s pins the token subject", [concat(", ", sort({p.provider | some p in ps}))]),
	{"providers": ps},
] if {
	every p in ps {
		p.pinned
	}
}

results := trust.role_results(judged, type)
