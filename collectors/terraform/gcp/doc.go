// Package gcp maps the google_* resources of a Terraform plan into the
// snapshot's gcp section: the Google provider of package terraform
// (construct it with New; import it as tfgcp beside the live collector).
// Resources of the google-beta provider have the same types and are
// mapped alike, with their own provider block's project.
//
// # Levels are named as in a live scan
//
// IAM members, bindings, policies and audit configs, organization
// policies (v1 google_*_organization_policy and v2
// google_org_policy_policy) and log sinks are set on a level of the
// hierarchy: an organization (org_id), a folder (folder) or a project
// (project, else the provider block's project). Each level the plan
// touches is one container named by its CAI full resource name
// (//cloudresourcemanager.googleapis.com/projects/ID), so results and
// waivers about a level read the same on a plan and on a live scan; its
// policy holds every binding the plan declares there. The organization is
// the top of its hierarchy (no ancestors); what is above a folder or
// project is not in a plan (ancestors null), so nothing inherited is
// decided there. Service accounts, keys, pool providers, instances and
// sinks are named by their Terraform address, which is what a reviewer
// fixes.
//
// # What a plan shows of a level
//
// A plan declares some of a level's settings, not all of them:
//
//   - Bindings: the plan's members, bindings and policies. Additive
//     members say what this plan grants, which is what the IAM controls
//     judge. A level whose bindings the plan does not touch has none in
//     the snapshot (bindings null) and is not judged by them.
//   - Audit configs are known once the allServices config is declared
//     (google_*_iam_audit_config, or policy_data with auditConfigs);
//     otherwise they are null and the audit control says nothing.
//   - Organization policies and log sinks set outside the plan may exist:
//     every level gets a NotInPlan collection error for ORG_POLICY and
//     RESOURCE confined to its own name, so only a PASS the plan proves is
//     reported (an organization that enforces a constraint, a sink with an
//     empty filter). An explicit enforced = false on a project is not
//     reported either: whether a level's setting fails depends on data the
//     same error covers.
//
// # Unknown values
//
// A level whose ID is unknown until apply (a project from random_string)
// is named by the address of the IAM resource that sets it, and gets an
// UnknownUntilApply error for IAM_POLICY: its IAM results are ERROR. An
// unknown role, member list or policy_data makes the level's IAM results
// ERROR; an unknown attribute condition makes the pool provider's ERROR;
// an unknown instance scope or email the instance's. A member such as
// serviceAccount:${google_service_account.x.email}, a key's
// service_account_id and an instance's service account email are resolved
// through the configuration's references to the plan's service account,
// whose email the provider computes as ACCOUNT_ID@PROJECT.iam.gserviceaccount.com.
// An instance's service_account block without email runs as the
// project's default compute account: the snapshot marks it default
// "compute" without an address. An audit config, organization policy or
// sink whose level or value is unknown is left out with an error on its
// address: it cannot prove a PASS.
//
// A service account the plan does not create may have keys made outside
// Terraform: gcp-user-managed-sa-keys is ERROR for it
// (CodeExistingServiceAccount). Key age and last use are live facts
// (iac: N controls).
//
// # Left out
//
// Resource-level IAM below projects (google_compute_instance_iam_member,
// google_storage_bucket_iam_member, ...) and google_project / google_folder
// (the hierarchy itself) are not mapped.
package gcp
