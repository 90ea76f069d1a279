# METADATA
# title: Account-level S3 Block Public Access is fully on
# description: |
#   With all four account-level settings on, no bucket of the account can
#   be made public by an ACL or a bucket policy, whoever calls
#   PutBucketPolicy (pb-16 §1.1 "Storage exposure"). FAIL when no
#   account-level configuration exists or any of the four settings is off.
#   A configuration that could not be read is ERROR through the collection
#   errors, never "none".
# custom:
#   id: aws-s3-account-public-access-block
#   severity: high
#   frameworks:
#     cis-aws-foundations-3.0: ["2.1.4"]
#   mitre: [T1530]
#   remediation: |
#     aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#   escalation: Legal + DPO
#   requires: ["s3-control"]
#   iac: P
package rampart.aws.s3_account_public_access_block

import data.rampart.lib.aws
import rego.v1

type := "AWS::S3::AccountPublicAccessBlock"

settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

off(b) := [s | some s in settings; b[s] != true]

results contains r if {
	some account in input.aws.accounts
	is_null(account.s3_public_access_block)
	r := aws.result("FAIL", account, "", aws.account_arn(account), type, "account has no S3 Block Public Access configuration", {"s3_public_access_block": null})
}

results contains r if {
	some account in input.aws.accounts
	b := account.s3_public_access_block
	b != null
	count(off(b)) > 0
	r := aws.result("FAIL", account, "", aws.account_arn(account), type, sprintf("S3 Block Public Access is off for %s", [concat(", ", off(b))]), b)
}

results contains r if {
	some account in input.aws.accounts
	b := account.s3_public_access_block
	b != null
	count(off(b)) == 0
	r := aws.result("PASS", account, "", aws.account_arn(account), type, "S3 Block Public Access is fully on for the account", b)
}
