# METADATA
# title: CloudTrail log file validation is on
# description: |
#   With validation on, CloudTrail signs an hourly digest of the log files,
#   so a log an intruder deleted or edited in the bucket is detectable
#   (pb-16 §4.4 "S3 log integrity"). One result per trail, in the account
#   that owns it.
# custom:
#   id: aws-cloudtrail-log-validation
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["3.2"]
#   mitre: [T1562.008]
#   remediation: |
#     aws cloudtrail update-trail --name <trail> --enable-log-file-validation;
#     check the logs with aws cloudtrail validate-logs --trail-arn <arn> --start-time <time>.
#   escalation: CISO + SOC Lead
#   requires: ["cloudtrail"]
#   iac: Y
package rampart.aws.cloudtrail_log_validation

import data.rampart.lib.aws
import data.rampart.lib.aws.trails
import rego.v1

type := "AWS::CloudTrail::Trail"

results contains r if {
	some account in input.aws.accounts
	some t in account.trails
	trails.judged_in(t, account)
	t.log_file_validation
	r := aws.result("PASS", account, "", t.arn, type, sprintf("trail %s validates its log files", [t.name]), {"log_file_validation": true})
}

results contains r if {
	some account in input.aws.accounts
	some t in account.trails
	trails.judged_in(t, account)
	not t.log_file_validation
	r := aws.result("FAIL", account, "", t.arn, type, sprintf("trail %s has log file validation off", [t.name]), {"log_file_validation": false})
}
