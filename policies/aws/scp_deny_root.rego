# METADATA
# title: An SCP denies the root user of member accounts
# description: |
#   Inside a member account nothing can restrict its root user except a
#   service control policy: with one, a stolen root password of a member
#   account is worth nothing (pb-16 §4.6 "SCP to prevent Root usage").
#   Evaluated only when the snapshot has the organization: one result per
#   member account (SCPs never apply to the management account, which gets
#   none). PASS when an SCP attached to the root, to an OU above the
#   account, or to the account has a Deny statement on Action "*" and
#   Resource "*" whose only conditions pin the principal to the account's
#   root user (aws:PrincipalArn with StringLike/StringEquals/ArnLike/
#   ArnEquals, e.g. arn:aws:iam::*:root). A Deny on fewer actions, with
#   NotAction, or with other conditions does not count. ERROR when an SCP
#   that applies (or may apply: attached to an OU while the account's place
#   in the tree was not collected) could not be parsed or read.
# custom:
#   id: aws-scp-deny-root
#   severity: medium
#   frameworks: {}
#   mitre: [T1078.004]
#   remediation: |
#     aws organizations create-policy --type SERVICE_CONTROL_POLICY --name deny-root-user --content
#     '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}';
#     aws organizations attach-policy --policy-id <policy-id> --target-id <root-id>
#   escalation: CISO + Cloud team
#   requires: ["organizations"]
#   iac: P
package rampart.aws.scp_deny_root

import data.rampart.lib.aws
import data.rampart.lib.aws.scp
import rego.v1

type := "AWS::Organizations::Account"

pin_operators := {"stringlike", "stringequals", "arnlike", "arnequals", "stringlikeifexists", "stringequalsifexists", "arnlikeifexists", "arnequalsifexists"}

like_operators := {"stringlike", "arnlike", "stringlikeifexists", "arnlikeifexists"}

# pins_root: a condition entry that limits the statement to the member's
# root user.
pins_root(c, m) if {
	c.operator in pin_operators
	c.key == "aws:principalarn"
	some v in c.values
	matches(c.operator, v, scp.member_arn(m))
}

matches(op, v, arn) if {
	op in like_operators
	glob.match(v, null, arn)
}

matches(op, v, arn) if {
	not op in like_operators
	v == arn
}

denies_root(s, m) if {
	"*" in scp.strings(s.Action)
	scp.all_resources(s)
	cs := scp.conditions(s)
	count(cs) > 0
	every c in cs {
		pins_root(c, m)
	}
}

# deniers lists the SCPs (and statements) that deny m's root user.
deniers(m) := [{"policy": p.name, "policy_id": p.id, "statement": object.get(s, "Sid", "")} |
	some p in scp.scps
	scp.applies(p, m)
	p.document != null
	some s in scp.deny_statements(p)
	denies_root(s, m)
]

# undecided lists what keeps the answer unknown when nothing denies root.
undecided(m) := array.concat(
	[sprintf("SCP %s could not be parsed: %s", [p.name, object.get(p, "document_error", "not collected")]) |
		some p in scp.scps
		scp.applies(p, m)
		is_null(p.document)
	],
	[sprintf("SCP %s may govern the account: its targets or the account's parents were not collected", [p.name]) |
		some p in scp.scps
		scp.may_apply(p, m)
	],
)

applied(m) := [p.name | some p in scp.scps; scp.applies(p, m)]

results contains r if {
	some m in scp.members
	d := deniers(m)
	count(d) > 0
	r := aws.result("PASS", {"account_id": m.id}, "", scp.member_arn(m), type, sprintf("SCP %s denies the root user of %s", [d[0].policy, m.id]), {"denied_by": d, "scps_applied": applied(m)})
}

results contains r if {
	some m in scp.members
	count(deniers(m)) == 0
	u := undecided(m)
	count(u) > 0
	r := aws.result("ERROR", {"account_id": m.id}, "", scp.member_arn(m), type, concat("; ", u), {"scps_applied": applied(m)})
}

results contains r if {
	some m in scp.members
	count(deniers(m)) == 0
	count(undecided(m)) == 0
	r := aws.result("FAIL", {"account_id": m.id}, "", scp.member_arn(m), type, sprintf("no SCP governing %s denies its root user", [m.id]), {"scps_applied": applied(m)})
}
