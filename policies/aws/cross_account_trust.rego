# METADATA
# title: Roles are trusted only by own or approved accounts
# description: |
#   A role whose trust policy lets in an account that is neither the role's
#   own account, an account of the organization (the snapshot's, or
#   aws.account_ids in the config), nor an approved third party
#   (aws.trusted_accounts) is a door into the account from outside: the
#   cross-account role-chaining path of the compromise playbook.
#   Principals are read in every form (bare account ID, root, user, role,
#   assumed-role ARNs, lists). A wildcard principal counts for the accounts
#   or organization its conditions pin it to (aws:PrincipalAccount,
#   aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID,
#   aws:PrincipalOrgPaths); pinned to nothing (or to an external ID alone)
#   it lets in any account and fails here too. Service, Federated and
#   CanonicalUser principals are not accounts and never fail here; Deny
#   statements never make a finding.
# custom:
#   id: aws-cross-account-trust
#   severity: high
#   frameworks: {}
#   mitre: [T1078.004, T1098.003]
#   remediation: |
#     Remove the unknown account from the role's trust policy, or, if the third party is approved,
#     add it to aws.trusted_accounts in the rampart config and require an external ID:
#     aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json
#     Check CloudTrail for AssumeRole calls into the role from that account.
#   escalation: CISO + Cloud architecture
#   requires: ["iam:GetAccountAuthorizationDetails", "iam:assume_role_policy", "organizations"]
#   iac: Y
package rampart.aws.cross_account_trust

import data.rampart.lib.aws.trust
import rego.v1

type := "AWS::IAM::Role"

grants(doc) := [g |
	some s in trust.allow_statements(doc)
	some g in trust.grants(s)
]

# judged pairs every role whose trust policy is readable with its verdict,
# [status, message, evidence]. The verdict depends on the document and the
# account alone, and OPA memoizes the call: roles sharing a trust policy
# (the service roles of an account, or those of one template) share one
# evaluation (policies/README.md, "Writing a fast control").
judged := [[account.account_id, role, v] |
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
	v := verdict(role.trust_policy, account.account_id)
]

verdict(doc, account_id) := v if {
	gs := grants(doc)
	bad := [g | some g in gs; not trust.is_own(g, account_id); not trust.is_trusted(g)]
	v := judge(gs, bad, independence(account_id, gs, bad))
}

judge(gs, bad, ind) := [
	"FAIL",
	sprintf("role can be assumed from outside the organization and the trusted accounts: %s", [concat(", ", sort({describe(g) | some g in bad}))]),
	object.union({"foreign_grants": bad}, ind),
] if {
	count(bad) > 0
} else := [
	"PASS",
	"role is trusted only by its own account, the organization or approved accounts",
	object.union({"grants": gs}, ind),
]

results := trust.role_results(judged, type)

independence(account_id, gs, bad) := {"independent_of": ["organizations"]} if {
	every g in gs {
		g.kind == "account"
		g.id == account_id
	}
} else := {"independent_of": ["organizations"]} if {
	count(bad) > 0
	every g in bad {
		g.kind == "any"
	}
} else := {}

describe(g) := sprintf("account %s", [g.id]) if g.kind == "account"

describe(g) := sprintf("organization %s", [g.id]) if g.kind == "org"

describe(g) := sprintf("any AWS account (principal %s, no account or organization pinned)", [g.principal]) if g.kind == "any"
