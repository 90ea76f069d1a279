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

import data.rampart.lib.aws
import data.rampart.lib.aws.trust
import rego.v1

type := "AWS::IAM::Role"

grants(doc) := [g |
	some s in trust.allow_statements(doc)
	some g in trust.grants(s)
]

foreign(account, doc) := [g |
	some g in grants(doc)
	not trust.is_own(g, account.account_id)
	not trust.is_trusted(g)
]

results contains r if {
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
	bad := foreign(account, role.trust_policy)
	count(bad) > 0
	r := aws.result(
		"FAIL", account, "", role.arn, type,
		sprintf("role can be assumed from outside the organization and the trusted accounts: %s", [concat(", ", sort({describe(g) | some g in bad}))]),
		object.union({"foreign_grants": bad}, independence(account, role.trust_policy)),
	)
}

results contains r if {
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
	count(foreign(account, role.trust_policy)) == 0
	r := aws.result(
		"PASS", account, "", role.arn, type,
		"role is trusted only by its own account, the organization or approved accounts",
		object.union({"grants": grants(role.trust_policy)}, independence(account, role.trust_policy)),
	)
}

# independence marks a result that needs no organization data: every
# account the role trusts is its own (a role trusted only by a service
# trusts none), or, for a FAIL, every foreign grant is open to any
# account. The engine then does not turn it into ERROR when the
# organization could not be read (offline evidence, AccessDenied).
independence(account, doc) := {"independent_of": ["organizations"]} if {
	every g in grants(doc) {
		g.kind == "account"
		g.id == account.account_id
	}
} else := {"independent_of": ["organizations"]} if {
	bad := foreign(account, doc)
	count(bad) > 0
	every g in bad {
		g.kind == "any"
	}
} else := {}

results contains r if {
	some account in input.aws.accounts
	some role in account.roles
	why := trust.unreadable(role)
	r := aws.result("ERROR", account, "", role.arn, type, why, {"trust_policy_error": object.get(role, "trust_policy_error", "")})
}

describe(g) := sprintf("account %s", [g.id]) if g.kind == "account"

describe(g) := sprintf("organization %s", [g.id]) if g.kind == "org"

describe(g) := sprintf("any AWS account (principal %s, no account or organization pinned)", [g.principal]) if g.kind == "any"
