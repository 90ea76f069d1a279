# METADATA
# title: Console sign-in without MFA raises an alarm
# description: |
#   "ConsoleLogin without MFA" is the compromise playbook's first detection
#   signal. PASS when a metric filter matching CIS 4.2's events (console
#   logins where MFAUsed is not "Yes"; the variant that keeps only
#   successful IAM-user logins is accepted) has an alarm with actions.
#   The alarm counts only on the log group of a multi-region, logging trail
#   recording all management events; how filter patterns are matched is
#   described in policies/lib/aws/alarms.rego. A member account of an
#   organization trail passes on the filter and alarm in the account that
#   owns the trail's log group, when that account is in the snapshot.
# custom:
#   id: aws-alarm-console-no-mfa
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["4.2"]
#   mitre: [T1078.004, T1556]
#   remediation: |
#     aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name ConsoleSigninWithoutMFA
#     --metric-transformations metricName=ConsoleSigninWithoutMFA,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }';
#     aws cloudwatch put-metric-alarm --alarm-name ConsoleSigninWithoutMFA --metric-name ConsoleSigninWithoutMFA --namespace CISBenchmark
#     --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold
#     --evaluation-periods 1 --alarm-actions <sns-topic-arn>
#   escalation: CISO + SOC Lead
#   requires: ["cloudtrail", "cloudwatch-logs", "cloudwatch"]
#   iac: P
package rampart.aws.alarm_console_no_mfa

import data.rampart.lib.aws
import data.rampart.lib.aws.alarms
import rego.v1

# spec: the CIS 4.2 pattern; the IAM-user and success terms are the
# benchmark's own variant for accounts that sign in through SSO.
spec := {
	"what": "console sign-in without MFA alarm",
	"kind": "and",
	"core": [
		{"field": "eventName", "op": "=", "value": "ConsoleLogin"},
		{"field": "additionalEventData.MFAUsed", "op": "!=", "value": "Yes"},
	],
	"optional": [
		{"field": "userIdentity.type", "op": "=", "value": "IAMUser"},
		{"field": "responseElements.ConsoleLogin", "op": "=", "value": "Success"},
	],
}

results contains r if {
	some account in input.aws.accounts
	account.trails != null
	v := alarms.verdict(spec, account)
	r := aws.result(v.status, account, "", aws.account_arn(account), "AWS::CloudWatch::Alarm", v.message, v.evidence)
}
