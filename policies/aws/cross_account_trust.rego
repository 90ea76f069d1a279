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

# Results are object literals built without helper calls: this control
# emits one result per role, and each call costs OPA's evaluator several
# microseconds (policies/README.md, "Writing a fast control"). Calls on the
# trust policy alone are memoized by OPA: roles sharing a document share
# its analysis.
judged := [[account.account_id, role, gs, bad, independence(account.account_id, gs, bad)] |
	some account in input.aws.accounts
	some role in account.roles
	is_object(role.trust_policy)
	gs := grants(role.trust_policy)
	bad := [g | some g in gs; not trust.is_own(g, account.account_id); not trust.is_trusted(g)]
]

results contains r if {
	some [account_id, role, _, bad, ind] in judged
	count(bad) > 0
	r := {
		"status": "FAIL", "account": account_id, "resource": role.arn, "resource_type": type,
		"message": sprintf("role can be assumed from outside the organization and the trusted accounts: %s", [concat(", ", sort({describe(g) | some g in bad}))]),
		"evidence": object.union({"foreign_grants": bad}, ind),
	}
}

results contains r if {
	some [account_id, role, gs, [], ind] in judged
	r := {
		"status": "PASS", "account": account_id, "resource": role.arn, "resource_type": type,
		"message": "role is trusted only by its own account, the organization or approved accounts",
		"evidence": object.union({"grants": gs}, ind),
	}
}

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

describe(g) := sprintf("account %s", [g.id]) if g.kind == "account"

describe(g) := sprintf("organization %s", [g.id]) if g.kind == "org"

describe(g) := sprintf("any AWS account (principal %s, no account or organization pinned)", [g.principal]) if g.kind == "any"
