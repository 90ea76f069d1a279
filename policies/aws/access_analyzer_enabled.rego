# METADATA
# title: IAM Access Analyzer is active in every enabled region
# description: |
#   An external-access analyzer reports the buckets, keys, roles and
#   queues shared outside the account or organization: the unintended
#   exposure an intruder creates to keep access (compromise playbook
#   hardening). One result per enabled region: PASS when an ACTIVE
#   analyzer of type ACCOUNT exists there, or when the account belongs to
#   the snapshot's organization and a scanned account (the delegated
#   administrator) has an ACTIVE ORGANIZATION analyzer in that region.
#   Unused-access analyzers do not report external access and do not
#   count. A region whose analyzers could not be listed gets no result here
#   and ERROR from the collection errors.
# custom:
#   id: aws-access-analyzer-enabled
#   severity: medium
#   frameworks:
#     cis-aws-foundations-3.0: ["1.20"]
#   mitre: [T1098, T1580]
#   remediation: |
#     aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region <region>
#     (or, from the delegated administrator, --type ORGANIZATION).
#   escalation: CISO + SOC Lead
#   requires: ["accessanalyzer"]
#   iac: P
package rampart.aws.access_analyzer_enabled

import data.rampart.lib.aws
import rego.v1

type := "AWS::AccessAnalyzer::Analyzer"

own(region) := [a.arn |
	some a in region.access_analyzers
	a.type == "ACCOUNT"
	a.status == "ACTIVE"
]

# organization_analyzers are the active ORGANIZATION analyzers of scanned
# accounts in a region; they cover the organization's member accounts.
organization_analyzers(name) := [a.arn |
	some other in input.aws.accounts
	some region in other.regions
	region.name == name
	some a in region.access_analyzers
	a.type == "ORGANIZATION"
	a.status == "ACTIVE"
]

in_organization(account) if {
	some m in input.aws.organization.accounts
	m.id == account.account_id
}

covering(account, region) := array.concat(own(region), organization_analyzers(region.name)) if in_organization(account)

covering(account, region) := own(region) if not in_organization(account)

evidence(region) := {"analyzers": [{"name": a.name, "type": a.type, "status": a.status} | some a in region.access_analyzers]}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	region.access_analyzers != null
	c := covering(account, region)
	count(c) > 0
	r := aws.result("PASS", account, region.name, aws.account_arn(account), type, sprintf("external access analyzer %s covers %s", [c[0], region.name]), object.union(evidence(region), {"covered_by": c}))
}

results contains r if {
	some account in input.aws.accounts
	some region in account.regions
	region.access_analyzers != null
	count(covering(account, region)) == 0
	r := aws.result("FAIL", account, region.name, aws.account_arn(account), type, sprintf("no active external access analyzer covers %s", [region.name]), evidence(region))
}
