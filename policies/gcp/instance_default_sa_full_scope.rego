# METADATA
# title: Instances do not run as the default service account with full API access
# description: |
#   An instance running as the default Compute Engine service account with
#   the cloud-platform scope hands every process on it — and anyone who
#   reaches its metadata server through SSRF — a token for the Editor role on
#   the project. FAIL for each such instance, PASS for the others (instances
#   in TERMINATED state too: they keep their configuration).
# custom:
#   id: gcp-instance-default-sa-full-scope
#   severity: high
#   frameworks:
#     cis-gcp-foundations-2.0: ["4.2"]
#   mitre: [T1552.005, T1078.004]
#   remediation: |
#     Stop the instance and give it a dedicated service account with only the roles it needs:
#     gcloud compute instances set-service-account <instance> --zone=<zone> --service-account=<sa>@<project>.iam.gserviceaccount.com --scopes=cloud-platform
#     (or keep the default account with narrow scopes: --scopes=logging-write,monitoring-write).
#   escalation: Cloud team
#   requires: ["cloudasset:RESOURCE"]
#   iac: Y
package rampart.gcp.instance_default_sa_full_scope

import data.rampart.lib.gcp.iam
import data.rampart.lib.gcp.result
import rego.v1

instance_type := "compute.googleapis.com/Instance"

full_scopes := {"https://www.googleapis.com/auth/cloud-platform", "cloud-platform"}

risky(i) := [label(sa) |
	some sa in object.get(i, "service_accounts", [])
	default_compute(sa)
	some s in sa.scopes
	full_scopes[s]
]

default_compute(sa) if iam.default_sa(sa.email) == "compute"

# A Terraform plan that leaves the email to the provider knows the account
# is the default one, not its address.
default_compute(sa) if object.get(sa, "default", "") == "compute"

label(sa) := sa.email if sa.email != ""

label(sa) := "(the project's default compute account)" if sa.email == ""

results contains r if {
	some i in input.gcp.instances
	count(risky(i)) > 0
	r := result.make("FAIL", i.account, i.name, instance_type, sprintf("instance runs as default service account %s with the cloud-platform scope", [risky(i)[0]]), {"service_accounts": i.service_accounts})
}

results contains r if {
	some i in input.gcp.instances
	count(risky(i)) == 0
	r := result.make("PASS", i.account, i.name, instance_type, "instance does not run as the default service account with full API access", {"service_accounts": i.service_accounts})
}
