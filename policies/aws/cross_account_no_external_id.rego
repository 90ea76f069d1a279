# METADATA
# title: Roles trusted by third-party accounts require an external ID
# description: |
#   A role that a third-party account may assume (a vendor, a SaaS tool)
#   must require sts:ExternalId, or the third party can be tricked into
#   using its access to this role on someone else's behalf (the confused
#   deputy). Approved vendors (aws.trusted_accounts) are third parties too:
#   they are exactly the deputies the external ID protects. Evaluated are
#   the roles whose Allow statements name an account outside the
#   organization (explicitly, or a wildcard pinned to that account); each
#   such statement must pin sts:ExternalId with StringEquals (or
#   StringLike without wildcard) — not "*", not an IfExists form, which a
#   caller satisfies by leaving the ID out. Wildcard principals pinned to
#   no account are judged by aws-trust-wildcard-principal and
#   aws-cross-account-trust instead.
# custom:
#   id: aws-cross-account-no-external-id
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004]
#   remediation: |
#     Ask the third party for the external ID it uses for you and require it in the trust policy
#     ("Condition": {"StringEquals": {"sts:ExternalId": "..."}}), then apply it:
#     aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json
#   escalation: CISO + Cloud architecture
#   requires: ["iam:GetAccountAuthorizationDetails", "iam:assume_role_policy", "organizations"]
#   iac: Y
package rampart.aws.cross_account_no_external_id

import data.rampart.lib.aws.trust
import rego.v1

type := "AWS::IAM::Role"

# third_party lists, per Allow statement, the outside accounts it names.
third_party(account_id, doc) := [{"statement": s, "accounts": accts, "external_id": trust.has_external_id(s)} |
	some s in trust.allow_statements(doc)
	accts := sort({g.id |
		some g in trust.grants(s)
		g.kind == "account"
		not trust.is_own(g, account_id)
	})
	count(accts) > 0
]

# judged pairs every role whose trust policy is readable and trusts another
# account with its verdict, [status, message, evidence]. The verdict
# depends on the document and the account alone, and OPA memoizes the
# call: roles sharing a trust policy (the service roles of an account, or
# those of one template) share one evaluation (policies/README.md,
# "Writing a fast control").
judged := [[account.account_id, role, v] |
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
	v := verdict(role.trust_policy, account.account_id)
]

verdict(doc, account_id) := v if {
	tp := third_party(account_id, doc)
	count(tp) > 0
	v := judge(tp)
}

judge(tp) := [
	"FAIL",
	sprintf("role trusts third-party account %s without requiring sts:ExternalId", [concat(", ", sort({a | some x in missing; some a in x.accounts}))]),
	{"statements_without_external_id": missing},
] if {
	missing := [x | some x in tp; not x.external_id]
	count(missing) > 0
} else := [
	"PASS",
	sprintf("every statement trusting third-party account %s requires sts:ExternalId", [concat(", ", sort({a | some x in tp; some a in x.accounts}))]),
	{"third_party_statements": tp},
] if {
	every x in tp {
		x.external_id
	}
}

results := trust.role_results(judged, type)
