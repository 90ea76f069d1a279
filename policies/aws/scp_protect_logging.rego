# METADATA
# title: An SCP stops member accounts from turning CloudTrail off
# description: |
#   StopLogging, DeleteTrail and UpdateTrail are how an intruder with admin
#   in a member account covers its tracks (pb-16 "StopLogging: covering
#   tracks"); only an SCP stops an account's own administrators. Evaluated
#   only when the snapshot has the organization: one result per member
#   account (none for the management account, which SCPs never govern).
#   PASS when the SCPs attached to the root, to the OUs above the account
#   or to the account together deny cloudtrail:StopLogging,
#   cloudtrail:DeleteTrail and cloudtrail:UpdateTrail, each by a Deny
#   statement whose Action (wildcards resolved: cloudtrail:*, cloudtrail:Stop*,
#   *) or NotAction covers it, on every trail (Resource "*" or an ARN
#   pattern matching any trail). Conditions that only exempt principals
#   (ArnNotLike / StringNotLike / ArnNotEquals / StringNotEquals on
#   aws:PrincipalArn, aws:PrincipalTag/..., aws:PrincipalAccount), the usual
#   break-glass role carve-out, are accepted and shown in the evidence;
#   a statement with any other condition does not count.
# custom:
#   id: aws-scp-protect-logging
#   severity: medium
#   frameworks: {}
#   mitre: [T1562.008]
#   remediation: |
#     aws organizations create-policy --type SERVICE_CONTROL_POLICY --name protect-logging --content
#     '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:UpdateTrail","cloudtrail:PutEventSelectors"],"Resource":"*"}]}';
#     aws organizations attach-policy --policy-id <policy-id> --target-id <root-id>
#   escalation: CISO + SOC Lead
#   requires: ["organizations"]
#   iac: P
package rampart.aws.scp_protect_logging

import data.rampart.lib.aws
import data.rampart.lib.aws.scp
import rego.v1

type := "AWS::Organizations::Account"

protected := ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail"]

# any_trail stands for every trail: a Resource pattern must match it.
any_trail := "arn:aws:cloudtrail:eu-west-1:123456789012:trail/any-trail"

exempting_operators := {"arnnotlike", "arnnotequals", "stringnotlike", "stringnotequals", "arnnotlikeifexists", "arnnotequalsifexists", "stringnotlikeifexists", "stringnotequalsifexists"}

exempting(c) if {
	c.operator in exempting_operators
	exempting_key(c.key)
}

exempting_key(k) if k in {"aws:principalarn", "aws:principalaccount"}

exempting_key(k) if startswith(k, "aws:principaltag/")

every_trail(s) if scp.all_resources(s)

every_trail(s) if {
	not s.NotResource
	some res in scp.strings(s.Resource)
	glob.match(res, null, any_trail)
}

counts(s) if {
	every_trail(s)
	every c in scp.conditions(s) {
		exempting(c)
	}
}

# denials lists, for member m, each protected action with the SCP that
# denies it and any principal exemptions.
denials(m) := [{"action": a, "policy": p.name, "statement": object.get(s, "Sid", ""), "exemptions": scp.conditions(s)} |
	some p in scp.scps
	scp.applies(p, m)
	p.document != null
	some s in scp.deny_statements(p)
	counts(s)
	some a in protected
	scp.denies_action(s, a)
]

missing(m) := [a | some a in protected; not a in {d.action | some d in denials(m)}]

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

evidence(m) := {"denials": denials(m), "missing": missing(m), "scps_applied": [p.name | some p in scp.scps; scp.applies(p, m)]}

results contains r if {
	some m in scp.members
	count(missing(m)) == 0
	r := aws.result("PASS", {"account_id": m.id}, "", scp.member_arn(m), type, sprintf("SCPs deny %s in %s", [concat(", ", protected), m.id]), evidence(m))
}

results contains r if {
	some m in scp.members
	count(missing(m)) > 0
	count(undecided(m)) > 0
	r := aws.result("ERROR", {"account_id": m.id}, "", scp.member_arn(m), type, concat("; ", undecided(m)), evidence(m))
}

results contains r if {
	some m in scp.members
	count(missing(m)) > 0
	count(undecided(m)) == 0
	r := aws.result("FAIL", {"account_id": m.id}, "", scp.member_arn(m), type, sprintf("no SCP governing %s denies %s", [m.id, concat(", ", missing(m))]), evidence(m))
}
