# METADATA
# title: IAM policy changes raise an alarm
# description: |
#   AttachUserPolicy and its kin are how an intruder grants itself more
#   (pb-16 §1.1 "Privilege escalation"). PASS when a metric filter matching
#   every event of CIS 4.4's pattern (the 16 policy create, delete,
#   put, attach and detach calls) has an alarm with actions.
#   The alarm counts only on the log group of a multi-region, logging trail
#   recording all management events; how filter patterns are matched is
#   described in policies/lib/aws/alarms.rego. A member account of an
#   organization trail passes on the filter and alarm in the account that
#   owns the trail's log group, when that account is in the snapshot.
# custom:
#   id: aws-alarm-iam-changes
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["4.4"]
#   mitre: [T1098, T1098.003]
#   remediation: |
#     aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name IAMPolicyChanges
#     --metric-transformations metricName=IAMPolicyChanges,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}';
#     aws cloudwatch put-metric-alarm --alarm-name IAMPolicyChanges --metric-name IAMPolicyChanges --namespace CISBenchmark
#     --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold
#     --evaluation-periods 1 --alarm-actions <sns-topic-arn>
#   escalation: CISO + SOC Lead
#   requires: ["cloudtrail", "cloudwatch-logs", "cloudwatch"]
#   iac: P
package rampart.aws.alarm_iam_changes

import data.rampart.lib.aws
import data.rampart.lib.aws.alarms
import rego.v1

# spec: the 16 events of the CIS 4.4 pattern.
spec := {
	"what": "IAM policy change alarm",
	"kind": "or",
	"events": [
		"DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy",
		"PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
		"CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
		"AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy",
		"AttachGroupPolicy", "DetachGroupPolicy",
	],
}

results contains r if {
	some account in input.aws.accounts
	account.trails != null
	v := alarms.verdict(spec, account)
	r := aws.result(v.status, account, "", aws.account_arn(account), "AWS::CloudWatch::Alarm", v.message, v.evidence)
}
