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

# Results are object literals built without helper calls: this control
# emits one result per role, and each call costs OPA's evaluator several
# microseconds (policies/README.md, "Writing a fast control"). Calls on the
# trust policy alone are memoized by OPA: roles sharing a document share
# its analysis.
judged := [[account.account_id, role, open_statements(role.trust_policy)] |
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
]

results contains r if {
	some [account_id, role, open] in judged
	count(open) > 0
	r := {
		"status": "FAIL", "account": account_id, "resource": role.arn, "resource_type": type,
		"message": "trust policy lets any AWS principal assume the role: no condition pins the organization, account or external ID",
		"evidence": {"open_statements": open},
	}
}

results contains r if {
	some [account_id, role, []] in judged
	pinned := pinned_statements(role.trust_policy)
	r := {
		"status": "PASS", "account": account_id, "resource": role.arn, "resource_type": type,
		"message": pass_message(pinned), "evidence": {"pinned_wildcard_statements": pinned},
	}
}

pass_message(pinned) := "trust policy names its principals: no wildcard" if {
	count(pinned) == 0
} else := "trust policy allows a wildcard principal only with a condition pinning the caller"

# A role whose trust policy is not an object cannot be judged; unreadable
# says why (only such roles reach the call).
results contains r if {
	some account in input.aws.accounts
	some role in account.roles
	not is_object(role.trust_policy)
	why := trust.unreadable(role)
	r := {
		"status": "ERROR", "account": account.account_id, "resource": role.arn, "resource_type": type,
		"message": why, "evidence": {"trust_policy_error": object.get(role, "trust_policy_error", "")},
	}
}
