# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: |
#   With SSE-KMS, reading the logs needs kms:Decrypt on a key the security
#   team controls as well as s3:GetObject, so a bucket policy mistake alone
#   does not expose them, and every read is itself logged. One result per
#   trail, in the account that owns it.
# custom:
#   id: aws-cloudtrail-kms
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["3.5"]
#   mitre: [T1562.008]
#   remediation: |
#     Create a customer managed key whose policy lets cloudtrail.amazonaws.com encrypt, then
#     aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>.
#   escalation: CISO + SOC Lead
#   requires: ["cloudtrail"]
#   iac: Y
package rampart.aws.cloudtrail_kms

import data.rampart.lib.aws
import data.rampart.lib.aws.trails
import rego.v1

type := "AWS::CloudTrail::Trail"

results contains r if {
	some account in input.aws.accounts
	some t in account.trails
	trails.judged_in(t, account)
	object.get(t, "kms_key_id", "") != ""
	r := aws.result("PASS", account, "", t.arn, type, sprintf("trail %s is encrypted with a KMS key", [t.name]), {"kms_key_id": t.kms_key_id})
}

results contains r if {
	some account in input.aws.accounts
	some t in account.trails
	trails.judged_in(t, account)
	object.get(t, "kms_key_id", "") == ""
	r := aws.result("FAIL", account, "", t.arn, type, sprintf("trail %s is not encrypted with a KMS key (SSE-S3 only)", [t.name]), {"kms_key_id": ""})
}
