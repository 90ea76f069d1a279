package terraform_test

import (
	"testing"

	"github.com/rampart-sec/rampart/results"
)

// The Google plans, verdict by verdict as a reader of each plan expects
// them. Results about a level name its CAI full resource name (the
// project ID is whatever the plan says, here magic-modules' template
// string); results about a service account, key, pool provider or
// instance name its Terraform address. Controls about organization
// policies, sinks and audit configs say nothing where the plan declares
// none: absence from a plan proves nothing.

const mmProject = "//cloudresourcemanager.googleapis.com/projects/{{.Provider.project}}"

// expectOnly asserts the exact set of (control, resource, status) of v.
func expectOnly(t *testing.T, v verdicts, want map[[2]string]results.Status) {
	t.Helper()
	for _, r := range v {
		st, ok := want[[2]string{r.Control, r.Resource}]
		switch {
		case !ok:
			t.Errorf("unexpected %s %s on %s: %s", r.Status, r.Control, r.Resource, r.Message)
		case st != r.Status:
			t.Errorf("%s on %s: %s (%s), want %s", r.Control, r.Resource, r.Status, r.Message, st)
		}
	}
	if len(v) != len(want) {
		t.Errorf("%d results, want %d:\n%s", len(v), len(want), resultLines(v))
	}
}

// roles/editor to a gmail.com user on the organization.
func TestMagicModulesOrganizationIAMMember(t *testing.T) {
	const org = "//cloudresourcemanager.googleapis.com/organizations/0123456789"
	v := plan(t, "mm_organization_iam_member")
	expectOnly(t, v, map[[2]string]results.Status{
		{"gcp-primitive-roles-users", org}: results.Fail,
		{"gcp-sa-user-project-level", org}: results.Pass,
		{"gcp-public-iam-members", org}:    results.Pass,
		// Whether gmail.com is foreign needs gcp.allowed_domains.
		{"gcp-external-members", org}: results.Error,
	})
	v.expect(t, "gcp-primitive-roles-users", org, results.Fail, "user:alice@gmail.com roles/editor")
	v.expect(t, "gcp-external-members", org, results.Error, "set gcp.allowed_domains")
	if r := v.find("gcp-primitive-roles-users", org); r != nil && r.Account != "organizations/0123456789" {
		t.Errorf("account %q", r.Account)
	}
}

// Members and bindings on one project merge into its policy: owner and
// editor to people fail; storage.admin and viewer do not.
func TestMagicModulesProjectIAM(t *testing.T) {
	v := plan(t, "mm_project_iam")
	expectOnly(t, v, map[[2]string]results.Status{
		{"gcp-primitive-roles-users", mmProject}: results.Fail,
		{"gcp-sa-user-project-level", mmProject}: results.Pass,
		{"gcp-public-iam-members", mmProject}:    results.Pass,
		{"gcp-external-members", mmProject}:      results.Error,
	})
	v.expect(t, "gcp-primitive-roles-users", mmProject, results.Fail,
		"user:example-a@google.com roles/editor, user:example-a@google.com roles/owner, user:example-b@google.com roles/editor")
}

// The project comes from random_string: unknown until apply, so every
// IAM control is ERROR on the member's address, never PASS.
func TestMagicModulesEmptyProject(t *testing.T) {
	const addr = "google_project_iam_member.test-valid-owner"
	v := plan(t, "mm_project_iam_member_empty_project")
	expectOnly(t, v, map[[2]string]results.Status{
		{"gcp-primitive-roles-users", addr}: results.Error,
		{"gcp-sa-user-project-level", addr}: results.Error,
		{"gcp-public-iam-members", addr}:    results.Error,
		{"gcp-external-members", addr}:      results.Error,
	})
	v.expect(t, "gcp-primitive-roles-users", addr, results.Error, "project of "+addr+" is unknown until apply")
	if r := v.find("gcp-primitive-roles-users", addr); r != nil && r.Evidence["undecided_status"] != "FAIL" {
		t.Errorf("evidence %v", r.Evidence)
	}
}

// An authoritative policy from policy_data: editor to a user.
func TestMagicModulesProjectIAMPolicy(t *testing.T) {
	v := plan(t, "mm_project_iam_policy")
	expectOnly(t, v, map[[2]string]results.Status{
		{"gcp-primitive-roles-users", mmProject}: results.Fail,
		{"gcp-sa-user-project-level", mmProject}: results.Pass,
		{"gcp-public-iam-members", mmProject}:    results.Pass,
		{"gcp-external-members", mmProject}:      results.Error,
	})
	v.expect(t, "gcp-primitive-roles-users", mmProject, results.Fail, "user:jane@example.com roles/editor")
}

// A new service account: no key, no role. Key age and last use are live
// facts (iac: N), not evaluated.
func TestMagicModulesServiceAccount(t *testing.T) {
	const addr = "google_service_account.service_account"
	v := plan(t, "mm_service_account")
	expectOnly(t, v, map[[2]string]results.Status{
		{"gcp-user-managed-sa-keys", addr}: results.Pass,
		{"gcp-sa-admin-privileges", addr}:  results.Pass,
	})
}

// terraform-google-conversion's plan: an instance without a
// service_account block runs as no account; the instance-level IAM
// members are not mapped (resource-level IAM below projects).
func TestTGCIAMBinding(t *testing.T) {
	v := plan(t, "tgc_iam_binding")
	expectOnly(t, v, map[[2]string]results.Status{
		{"gcp-instance-default-sa-full-scope", "google_compute_instance.tgc-iam"}: results.Pass,
	})
}

// The synthetic plan covers what no licensed real plan has.
func TestSyntheticGCP(t *testing.T) {
	const (
		org     = "//cloudresourcemanager.googleapis.com/organizations/111111111111"
		folder  = "//cloudresourcemanager.googleapis.com/folders/222222222222"
		prod    = "//cloudresourcemanager.googleapis.com/projects/demo-prod"
		sandbox = "//cloudresourcemanager.googleapis.com/projects/demo-sandbox"
	)
	v := plan(t, "synthetic_gcp")
	// Declared at the organization: decided there.
	v.expect(t, "gcp-disable-sa-key-creation", org, results.Pass, "")
	v.expect(t, "gcp-domain-restricted-sharing", org, results.Pass, "")
	v.expect(t, "gcp-log-sink-all", org, results.Pass, "google_logging_organization_sink.all")
	v.expect(t, "gcp-audit-logs-all-services", org, results.Fail, "exempts user:noisy@example.com")
	v.expect(t, "gcp-public-iam-members", org, results.Fail, "allAuthenticatedUsers roles/viewer")
	// Not declared, or not decidable from the plan: not reported. The
	// project's explicit enforced = false is not reported either (see
	// the package doc: only a PASS is told from organization policies).
	for _, c := range []string{"gcp-disable-sa-key-creation", "gcp-domain-restricted-sharing", "gcp-log-sink-all", "gcp-audit-logs-all-services"} {
		for _, lv := range []string{folder, prod, sandbox} {
			if r := v.find(c, lv); r != nil {
				t.Errorf("%s on %s: %s %s", c, lv, r.Status, r.Message)
			}
		}
	}
	// A folder binding of Token Creator.
	v.expect(t, "gcp-sa-user-project-level", folder, results.Fail, "group:ops@example.com")
	// A member unknown until apply that names a planned account.
	v.expect(t, "gcp-sa-admin-privileges", "google_service_account.ci", results.Fail, "roles/editor on "+prod)
	// policy_data from a data source read at apply.
	for _, c := range []string{"gcp-primitive-roles-users", "gcp-public-iam-members", "gcp-sa-user-project-level", "gcp-external-members"} {
		v.expect(t, c, sandbox, results.Error, "policy_data of google_project_iam_policy.sandbox is unknown until apply")
	}
	// Keys: one made by the plan; an account the plan does not create.
	v.expect(t, "gcp-user-managed-sa-keys", "google_service_account_key.ci", results.Fail, "ci@demo-prod.iam.gserviceaccount.com")
	v.expect(t, "gcp-user-managed-sa-keys", "google_service_account.legacy", results.Error, "not created by this plan")
	// Workload identity.
	v.expect(t, "gcp-wif-provider-unrestricted", "google_iam_workload_identity_pool_provider.github", results.Fail, "no attribute condition")
	v.expect(t, "gcp-wif-provider-unrestricted", "google_iam_workload_identity_pool_provider.pinned", results.Pass, "")
	v.expect(t, "gcp-wif-provider-unrestricted", "google_iam_workload_identity_pool_provider.later", results.Error, "unknown until apply")
	// Instances.
	v.expect(t, "gcp-instance-default-sa-full-scope", "google_compute_instance.default_full", results.Fail, "default compute account")
	v.expect(t, "gcp-instance-default-sa-full-scope", "google_compute_instance.dedicated", results.Pass, "")
	v.expect(t, "gcp-instance-default-sa-full-scope", "google_compute_instance.beta", results.Pass, "")
}
