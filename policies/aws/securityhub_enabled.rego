# METADATA
# title: Security Hub is enabled in every enabled region
# description: |
#   Security Hub gathers GuardDuty, Config, Access Analyzer and Inspector
#   findings into one place for the SOC (compromise playbook CSPM). One
#   result per enabled region. A region where Security Hub could not be
#   queried gets no result here and ERROR from the collection errors.
# custom:
#   id: aws-securityhub-enabled
#   severity: low
#   frameworks:
#     cis-aws-foundations-3.0: ["4.16"]
#   mitre: [T1562.008]
#   remediation: |
#     aws securityhub enable-security-hub --region <region> --enable-default-standards
#     (or from the delegated administrator: aws securityhub update-organization-configuration --auto-enable).
#   escalation: CISO + SOC Lead
#   requires: ["securityhub"]
#   iac: P
package rampart.aws.securityhub_enabled

import data.rampart.lib.aws
import rego.v1

type := "AWS::SecurityHub::Hub"

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	region.security_hub.enabled
	r := aws.result("PASS", account, region.name, aws.account_arn(account), type, sprintf("Security Hub is enabled in %s", [region.name]), {"enabled": true, "hub_arn": object.get(region.security_hub, "hub_arn", "")})
}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	region.security_hub != null
	not region.security_hub.enabled
	r := aws.result("FAIL", account, region.name, aws.account_arn(account), type, sprintf("Security Hub is not enabled in %s", [region.name]), {"enabled": false})
}
