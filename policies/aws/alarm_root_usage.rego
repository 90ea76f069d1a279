# METADATA
# title: Root user activity raises an alarm
# description: |
#   Root should never be used day to day; when it is, the SOC must know
#   within minutes, not at the next audit (pb-16 §1.1 ConsoleLogin (Root)).
#   PASS when a metric filter matching CIS 4.3's root-usage events has an
#   alarm with actions.
#   The alarm counts only on the log group of a multi-region, logging trail
#   recording all management events; how filter patterns are matched is
#   described in policies/lib/aws/alarms.rego. A member account of an
#   organization trail passes on the filter and alarm in the account that
#   owns the trail's log group, when that account is in the snapshot.
# custom:
#   id: aws-alarm-root-usage
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["4.3"]
#   mitre: [T1078.004]
#   remediation: |
#     aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name RootUsage
#     --metric-transformations metricName=RootUsage,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
#     aws cloudwatch put-metric-alarm --alarm-name RootUsage --metric-name RootUsage --namespace CISBenchmark
#     --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold
#     --evaluation-periods 1 --alarm-actions <sns-topic-arn>
#   escalation: CISO + SOC Lead
#   requires: ["cloudtrail", "cloudwatch-logs", "cloudwatch"]
#   iac: P
package rampart.aws.alarm_root_usage

import data.rampart.lib.aws
import data.rampart.lib.aws.alarms
import rego.v1

# spec: the CIS 4.3 pattern. Only the root identity type is essential;
# the other two terms only drop AWS service events from the count.
spec := {
	"what": "root usage alarm",
	"kind": "and",
	"core": [{"field": "userIdentity.type", "op": "=", "value": "Root"}],
	"optional": [
		{"field": "userIdentity.invokedBy", "op": "NOT EXISTS", "value": ""},
		{"field": "eventType", "op": "!=", "value": "AwsServiceEvent"},
	],
}

results contains r if {
	some account in input.aws.accounts
	account.trails != null
	v := alarms.verdict(spec, account)
	r := aws.result(v.status, account, "", aws.account_arn(account), "AWS::CloudWatch::Alarm", v.message, v.evidence)
}
