# METADATA
# title: CloudTrail configuration changes raise an alarm
# description: |
#   StopLogging, DeleteTrail and UpdateTrail are how tracks are covered
#   (pb-16 "StopLogging: covering tracks"). PASS when a metric filter
#   matching every event of CIS 4.5's pattern has an alarm with actions.
#   The alarm counts only on the log group of a multi-region, logging trail
#   recording all management events; how filter patterns are matched is
#   described in policies/lib/aws/alarms.rego. A member account of an
#   organization trail passes on the filter and alarm in the account that
#   owns the trail's log group, when that account is in the snapshot.
# custom:
#   id: aws-alarm-cloudtrail-changes
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["4.5"]
#   mitre: [T1562.008]
#   remediation: |
#     aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name CloudTrailConfigChanges
#     --metric-transformations metricName=CloudTrailConfigChanges,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }';
#     aws cloudwatch put-metric-alarm --alarm-name CloudTrailConfigChanges --metric-name CloudTrailConfigChanges --namespace CISBenchmark
#     --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold
#     --evaluation-periods 1 --alarm-actions <sns-topic-arn>
#   escalation: CISO + SOC Lead
#   requires: ["cloudtrail", "cloudwatch-logs", "cloudwatch"]
#   iac: P
package rampart.aws.alarm_cloudtrail_changes

import data.rampart.lib.aws
import data.rampart.lib.aws.alarms
import rego.v1

# spec: the five events of the CIS 4.5 pattern.
spec := {
	"what": "CloudTrail configuration change alarm",
	"kind": "or",
	"events": ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"],
}

results contains r if {
	some account in input.aws.accounts
	account.trails != null
	v := alarms.verdict(spec, account)
	r := aws.result(v.status, account, "", aws.account_arn(account), "AWS::CloudWatch::Alarm", v.message, v.evidence)
}
