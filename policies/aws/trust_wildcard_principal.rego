# METADATA
# title: No role trust policy lets any AWS principal assume the role
# description: |
#   A role whose trust policy allows "*" (Principal "*", {"AWS": "*"}, or an
#   Allow with NotPrincipal) can be assumed from any AWS account in the
#   world unless a condition pins the caller: aws:PrincipalOrgID,
#   aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn,
#   aws:SourceAccount, aws:SourceArn or sts:ExternalId, with StringEquals,
#   StringLike, ArnEquals or ArnLike (or their ForAnyValue forms) and a
#   value that actually pins
#   ("*", "o-*" or an IfExists form on a key the caller can omit pin
#   nothing; see policies/lib/aws/trust.rego). Deny statements never make a
#   finding. Whom a pinned wildcard lets in (another organization, a
#   stranger's account) is judged by aws-cross-account-trust.
# custom:
#   id: aws-trust-wildcard-principal
#   severity: critical
#   frameworks: {}
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Name the principals that may assume the role, or pin the caller with a condition
#     (e.g. "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-xxxxxxxxxx"}}), then apply it:
#     aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json
#     Review who already assumed it: CloudTrail AssumeRole events for the role ARN.
#   escalation: CISO + Cloud architecture
#   requires: ["iam:GetAccountAuthorizationDetails", "iam:assume_role_policy"]
#   iac: Y
package rampart.aws.trust_wildcard_principal

import data.rampart.lib.aws.trust
import rego.v1

type := "AWS::IAM::Role"

# open_statements are the Allow statements that let in a wildcard AWS
# principal with no condition pinning the caller.
open_statements(doc) := [{"statement": s, "principal": p.value} |
	some s in trust.allow_statements(doc)
	some p in trust.principals(s)
	trust.wildcard_aws(p)
	count(trust.caller_pins(s)) == 0
]

pinned_statements(doc) := [{"statement": s, "pins": trust.caller_pins(s)} |
	some s in trust.allow_statements(doc)
	some p in trust.principals(s)
	trust.wildcard_aws(p)
	count(trust.caller_pins(s)) > 0
]

# judged pairs every role whose trust policy is readable with its verdict,
# [status, message, evidence]. The verdict depends on the document alone,
# and OPA memoizes the call: roles sharing a trust policy (the service
# roles of an account, or those of one template) share one evaluation
# (policies/README.md, "Writing a fast control").
judged := [[account.account_id, role, verdict(role.trust_policy)] |
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
]

verdict(doc) := [
	"FAIL",
	"trust policy lets any AWS principal assume the role: no condition pins the organization, account or external ID",
	{"open_statements": open},
] if {
	open := open_statements(doc)
	count(open) > 0
} else := ["PASS", pass_message(pinned), {"pinned_wildcard_statements": pinned}] if {
	pinned := pinned_statements(doc)
}

results := trust.role_results(judged, type)

pass_message(pinned) := "trust policy names its principals: no wildcard" if {
	count(pinned) == 0
} else := "trust policy allows a wildcard principal only with a condition pinning the caller"
