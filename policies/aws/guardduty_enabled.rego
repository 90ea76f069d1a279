# METADATA
# title: GuardDuty is enabled in every enabled region
# description: |
#   GuardDuty is the detector that sees stolen instance credentials used
#   from outside AWS, crypto-mining and reconnaissance (pb-16 §4.3). One
#   result per enabled region: PASS when a detector there has status
#   ENABLED. A region whose detectors could not be listed gets no result
#   here and ERROR from the collection errors.
# custom:
#   id: aws-guardduty-enabled
#   severity: high
#   frameworks: {}
#   mitre: [T1078.004, T1580, T1552.005]
#   remediation: |
#     aws guardduty create-detector --enable --region <region> (or, from the delegated administrator,
#     aws guardduty update-organization-configuration --detector-id <id> --auto-enable-organization-members ALL).
#   escalation: CISO + SOC Lead
#   requires: ["guardduty"]
#   iac: P
package rampart.aws.guardduty_enabled

import data.rampart.lib.aws
import rego.v1

type := "AWS::GuardDuty::Detector"

statuses(region) := [{"id": d.id, "status": d.status} | some d in region.guardduty_detectors]

enabled(region) if {
	some d in region.guardduty_detectors
	d.status == "ENABLED"
}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	region.guardduty_detectors != null
	enabled(region)
	r := aws.result("PASS", account, region.name, aws.account_arn(account), type, sprintf("GuardDuty is enabled in %s", [region.name]), {"detectors": statuses(region)})
}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	region.guardduty_detectors != null
	not enabled(region)
	r := aws.result("FAIL", account, region.name, aws.account_arn(account), type, message(region), {"detectors": statuses(region)})
}

message(region) := sprintf("GuardDuty has no detector in %s", [region.name]) if count(region.guardduty_detectors) == 0

message(region) := sprintf("GuardDuty detector is suspended in %s", [region.name]) if count(region.guardduty_detectors) > 0
