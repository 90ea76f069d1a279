# METADATA
# title: A multi-region CloudTrail trail records all management events
# description: |
#   Without a trail, nothing an intruder does in the account is on record,
#   and StopLogging is the classic way to cover tracks (pb-16 §1.1). PASS
#   when at least one trail visible in the account (its own or an
#   organization trail) is multi-region, is logging, and records
#   management events both read and write, in either the basic or the
#   advanced event-selector form. When no trail qualifies but a candidate's
#   logging status or selectors were not collected, the result is ERROR,
#   never PASS.
# custom:
#   id: aws-cloudtrail-enabled
#   severity: critical
#   frameworks:
#     cis-aws-foundations-3.0: ["3.1"]
#   mitre: [T1562.008]
#   remediation: |
#     aws cloudtrail create-trail --name org-trail --bucket-name <bucket> --is-multi-region-trail [--is-organization-trail];
#     aws cloudtrail put-event-selectors --trail-name org-trail --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]';
#     aws cloudtrail start-logging --name org-trail
#   escalation: CISO + SOC Lead
#   requires: ["cloudtrail"]
#   iac: P
package rampart.aws.cloudtrail_enabled

import data.rampart.lib.aws
import data.rampart.lib.aws.trails
import rego.v1

type := "AWS::CloudTrail::Trail"

verdicts(account) := {trails.covers(t) | some t in account.trails}

evidence(account) := {"trails": [trails.summary(t) | some t in account.trails]}

# good names the trails that cover the account; one PASS however many.
good(account) := sort([t.name | some t in account.trails; trails.covers(t) == "yes"])

results contains r if {
	some account in input.aws.accounts
	count(good(account)) > 0
	r := aws.result("PASS", account, "", aws.account_arn(account), type, sprintf("trail %s logs read and write management events of every region", [concat(", ", good(account))]), evidence(account))
}

results contains r if {
	some account in input.aws.accounts
	account.trails != null
	not "yes" in verdicts(account)
	"unknown" in verdicts(account)
	r := aws.result("ERROR", account, "", aws.account_arn(account), type, "no trail is known to log all management events, and a trail's status or event selectors were not collected", evidence(account))
}

results contains r if {
	some account in input.aws.accounts
	account.trails != null
	not "yes" in verdicts(account)
	not "unknown" in verdicts(account)
	r := aws.result("FAIL", account, "", aws.account_arn(account), type, message(account), evidence(account))
}

message(account) := "account has no CloudTrail trail" if count(account.trails) == 0

message(account) := "no multi-region trail is logging all read and write management events" if count(account.trails) > 0
