# METADATA
# title: AWS Config records every resource type in every enabled region
# description: |
#   Config's history of resource configurations is what an investigation
#   uses to see what an intruder changed and when (compromise playbook
#   Phase 2, "AWS Config snapshots"). One result per enabled region: PASS
#   when a configuration recorder there is recording all supported resource
#   types. Global resource types (IAM) need recording in one region only
#   and are not required per region. A region whose recorders could not be
#   read gets no result here and ERROR from the collection errors.
# custom:
#   id: aws-config-enabled
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["3.3"]
#   mitre: [T1562.008]
#   remediation: |
#     aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role-arn>
#     --recording-group allSupported=true,includeGlobalResourceTypes=true (global types in one region);
#     aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>;
#     aws configservice start-configuration-recorder --configuration-recorder-name default
#   escalation: CISO + SOC Lead
#   requires: ["config-service"]
#   iac: P
package rampart.aws.config_enabled

import data.rampart.lib.aws
import rego.v1

type := "AWS::Config::ConfigurationRecorder"

recorders(region) := [{"name": c.name, "recording": c.recording, "all_supported": c.all_supported, "last_status": object.get(c, "last_status", "")} |
	some c in region.config_recorders
]

complete(region) if {
	some c in region.config_recorders
	c.recording
	c.all_supported
}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	region.config_recorders != null
	complete(region)
	r := aws.result("PASS", account, region.name, aws.account_arn(account), type, sprintf("AWS Config records all resource types in %s", [region.name]), {"recorders": recorders(region)})
}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	region.config_recorders != null
	not complete(region)
	r := aws.result("FAIL", account, region.name, aws.account_arn(account), type, message(region), {"recorders": recorders(region)})
}

message(region) := sprintf("AWS Config has no recorder in %s", [region.name]) if count(region.config_recorders) == 0

message(region) := sprintf("AWS Config in %s is stopped or records only some resource types", [region.name]) if count(region.config_recorders) > 0
