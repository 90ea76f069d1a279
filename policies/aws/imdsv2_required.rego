# METADATA
# title: Running instances require IMDSv2
# description: |
#   With IMDSv1, one server-side request forgery in an application is
#   enough to read the instance role's credentials from
#   169.254.169.254 (compromise playbook "Metadata service abuse"); IMDSv2
#   needs a PUT with a session token that SSRF rarely can send. One result
#   per running instance: PASS when HttpTokens is required or the metadata
#   endpoint is disabled. Stopped and terminated instances are not judged.
#   A region whose instances could not be listed gets no result here and
#   ERROR from the collection errors.
# custom:
#   id: aws-imdsv2-required
#   severity: high
#   frameworks:
#     cis-aws-foundations-3.0: ["5.6"]
#   mitre: [T1552.005]
#   remediation: |
#     aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled --region <region>;
#     for new instances: aws ec2 modify-instance-metadata-defaults --http-tokens required --region <region>
#   escalation: Cloud team
#   requires: ["ec2"]
#   iac: Y
package rampart.aws.imdsv2_required

import data.rampart.lib.aws
import rego.v1

type := "AWS::EC2::Instance"

evidence(i) := {"state": i.state, "http_tokens": i.http_tokens, "http_endpoint": i.http_endpoint, "instance_profile_arn": object.get(i, "instance_profile_arn", "")}

running(region) := [i | some i in region.instances; i.state == "running"]

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	some i in running(region)
	i.http_tokens == "required"
	r := aws.result("PASS", account, region.name, i.arn, type, sprintf("instance %s requires IMDSv2", [i.id]), evidence(i))
}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	some i in running(region)
	i.http_tokens != "required"
	i.http_endpoint == "disabled"
	r := aws.result("PASS", account, region.name, i.arn, type, sprintf("instance %s has the metadata endpoint disabled", [i.id]), evidence(i))
}

# HttpTokens empty: not known (e.g. unknown until apply in a plan).
results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	some i in running(region)
	i.http_tokens == ""
	i.http_endpoint != "disabled"
	r := aws.result("ERROR", account, region.name, i.arn, type, sprintf("instance %s: metadata options not known", [i.id]), evidence(i))
}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	some i in running(region)
	not i.http_tokens in {"required", ""}
	i.http_endpoint != "disabled"
	r := aws.result("FAIL", account, region.name, i.arn, type, sprintf("instance %s allows IMDSv1 (HttpTokens %s)", [i.id, i.http_tokens]), evidence(i))
}
