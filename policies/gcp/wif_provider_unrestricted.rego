# METADATA
# title: Workload identity providers pin the repository owner or project
# description: |
#   A workload identity pool provider for a shared issuer (GitHub Actions,
#   GitLab, Terraform Cloud, ...) accepts a token from any workload of that
#   issuer — anyone's repository — unless its attribute condition pins the
#   owner, repository, project or subject to a literal value. FAIL for an
#   enabled OIDC provider with no condition, or one with an alternative
#   (||) that pins nothing; PASS when every alternative compares a pinning
#   claim (repository_owner, repository, namespace_path, project_path,
#   terraform_organization_name, sub, ... or the attribute mapped from
#   it) with ==, in, or startsWith of a non-empty literal.
# custom:
#   id: gcp-wif-provider-unrestricted
#   severity: critical
#   frameworks: {}
#   mitre: [T1078.004, T1550.001]
#   remediation: |
#     Pin the provider to your own owner or repository:
#     gcloud iam workload-identity-pools providers update-oidc <provider> --workload-identity-pool=<pool> --location=global
#     --project=<project> --attribute-condition="assertion.repository_owner == '<your-org>'"
#   escalation: CISO + Cloud architecture
#   requires: ["cloudasset:RESOURCE"]
#   iac: Y
package rampart.gcp.wif_provider_unrestricted

import data.rampart.lib.gcp.result
import rego.v1

wif_type := "iam.googleapis.com/WorkloadIdentityPoolProvider"

# Claims that name one owner, repository, project or workload.
pin_claims := {
	"repository_owner", "repository_owner_id", "repository", "repository_id",
	"namespace_path", "namespace_id", "project_path", "project_id",
	"terraform_organization_name", "terraform_organization_id", "terraform_workspace_id",
	"sub", "workflow_ref", "job_workflow_ref",
}

# pinning_attrs are the google./attribute. names mapped from a pinning claim.
pinning_attrs(p) := {trim_prefix(k, "attribute.") |
	some k, v in object.get(p, "attribute_mapping", {})
	some c in pin_claims
	regex.match(sprintf(`^\s*assertion\.%s\s*$`, [c]), v)
} | {"subject" |
	some c in pin_claims
	regex.match(sprintf(`^\s*assertion\.%s\s*$`, [c]), object.get(object.get(p, "attribute_mapping", {}), "google.subject", ""))
}

# pins holds for a clause that compares a pinning claim or attribute with
# a non-empty literal.
pins(p, clause) if {
	some c in pin_claims
	compares(clause, sprintf(`assertion\.%s`, [c]))
}

pins(p, clause) if {
	some a in pinning_attrs(p)
	compares(clause, sprintf(`(attribute|google)\.%s`, [a]))
}

compares(clause, ref) if regex.match(sprintf(`%s\s*==\s*['"][^'"*]+['"]`, [ref]), clause)

compares(clause, ref) if regex.match(sprintf(`['"][^'"*]+['"]\s*==\s*%s\b`, [ref]), clause)

compares(clause, ref) if regex.match(sprintf(`%s\s+in\s*\[\s*['"][^'"*]+['"]`, [ref]), clause)

compares(clause, ref) if regex.match(sprintf(`%s\.startsWith\(\s*['"][^'"*]+/['"]\s*\)`, [ref]), clause)

alternatives(cond) := split(cond, "||")

pinned(p) if {
	trim_space(p.attribute_condition) != ""
	every clause in alternatives(p.attribute_condition) {
		pins(p, clause)
	}
}

oidc := [p | some p in input.gcp.workload_identity_providers; p.kind == "oidc"]

results contains r if {
	some p in oidc
	not p.disabled
	not pinned(p)
	r := result.make("FAIL", p.account, p.name, wif_type, sprintf("provider for %s %s", [p.issuer_uri, why(p)]), {"issuer_uri": p.issuer_uri, "attribute_condition": p.attribute_condition, "attribute_mapping": p.attribute_mapping})
}

results contains r if {
	some p in oidc
	not p.disabled
	pinned(p)
	r := result.make("PASS", p.account, p.name, wif_type, sprintf("provider for %s pins its workloads: %s", [p.issuer_uri, p.attribute_condition]), {"issuer_uri": p.issuer_uri, "attribute_condition": p.attribute_condition})
}

results contains r if {
	some p in oidc
	p.disabled
	r := result.make("PASS", p.account, p.name, wif_type, sprintf("provider for %s is disabled", [p.issuer_uri]), {"disabled": true})
}

why(p) := "has no attribute condition: any workload of the issuer can get tokens" if trim_space(p.attribute_condition) == ""

why(p) := sprintf("has a condition that does not pin an owner, repository or project in every alternative: %s", [p.attribute_condition]) if trim_space(p.attribute_condition) != ""
