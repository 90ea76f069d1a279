package gcp

import (
	"os"
	"slices"
	"testing"
	"time"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

var epoch = func() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) }

func mapPlan(t *testing.T, file string) *snapshot.Snapshot {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := tf.Map(file, data, tf.Options{Providers: []tf.Provider{New()}, Now: epoch})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The provider claims exactly the resource types of the Google provider
// that issue 12 lists: a misspelt type would silently map nothing.
func TestMapperTypes(t *testing.T) {
	want := []string{
		"google_compute_instance",
		"google_folder_iam_audit_config", "google_folder_iam_binding", "google_folder_iam_member", "google_folder_iam_policy",
		"google_folder_organization_policy",
		"google_iam_workload_identity_pool_provider",
		"google_logging_folder_sink", "google_logging_organization_sink", "google_logging_project_sink",
		"google_org_policy_policy",
		"google_organization_iam_audit_config", "google_organization_iam_binding", "google_organization_iam_member", "google_organization_iam_policy",
		"google_organization_policy",
		"google_project_iam_audit_config", "google_project_iam_binding", "google_project_iam_member", "google_project_iam_policy",
		"google_project_organization_policy",
		"google_service_account", "google_service_account_key",
	}
	var got []string
	for typ := range New().Mappers() {
		got = append(got, typ)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("mapped types\n got %v\nwant %v", got, want)
	}
}

// A plan without google_* resources gets no GCP section and no scope.
func TestNoGoogleResources(t *testing.T) {
	s := mapPlan(t, "../testdata/regula_azurerm_storage.json")
	if s.GCP != nil || len(s.Scopes) != 0 || len(s.Errors) != 0 {
		t.Errorf("GCP %+v scopes %+v errors %+v", s.GCP, s.Scopes, s.Errors)
	}
}

// What the synthetic plan becomes, field by field where the mapping
// decides something a golden would only show.
func TestSyntheticPlan(t *testing.T) {
	s := mapPlan(t, "../testdata/synthetic_gcp.json")
	g := s.GCP
	sa := func(addr string) *snapshot.GCPServiceAccount {
		for i := range g.ServiceAccounts {
			if g.ServiceAccounts[i].Name == addr {
				return &g.ServiceAccounts[i]
			}
		}
		t.Fatalf("no service account %s", addr)
		return nil
	}
	// The email the provider computes from account_id and the
	// provider block's project.
	if got := sa("google_service_account.ci").Email; got != "ci@demo-prod.iam.gserviceaccount.com" {
		t.Errorf("ci email %q", got)
	}
	// The key refers to the account through the configuration.
	if len(g.ServiceAccountKeys) != 1 || g.ServiceAccountKeys[0].ServiceAccount != "ci@demo-prod.iam.gserviceaccount.com" ||
		g.ServiceAccountKeys[0].KeyType != "USER_MANAGED" || g.ServiceAccountKeys[0].Account != "demo-prod" {
		t.Errorf("keys %+v", g.ServiceAccountKeys)
	}
	// An IAM member unknown until apply that names a planned account.
	var prod *snapshot.GCPContainer
	for i := range g.Projects {
		if g.Projects[i].ID == "demo-prod" {
			prod = &g.Projects[i]
		}
	}
	if prod == nil || prod.IAMPolicy == nil || len(prod.IAMPolicy.Bindings) != 1 ||
		!slices.Equal(prod.IAMPolicy.Bindings[0].Members, []string{"serviceAccount:ci@demo-prod.iam.gserviceaccount.com"}) {
		t.Fatalf("demo-prod %+v", prod)
	}
	// Bindings without audit configs: audit configs unknown (null).
	if prod.IAMPolicy.AuditConfigs != nil || prod.Ancestors != nil {
		t.Errorf("demo-prod audit configs %v ancestors %v", prod.IAMPolicy.AuditConfigs, prod.Ancestors)
	}
	// Instances: the default account without address, a planned
	// account by reference, the google-beta provider's project.
	for _, tc := range []struct{ name, account, email, def string }{
		{"google_compute_instance.default_full", "demo-prod", "", "compute"},
		{"google_compute_instance.dedicated", "demo-prod", "ci@demo-prod.iam.gserviceaccount.com", ""},
		{"google_compute_instance.beta", "demo-beta", "123456789012-compute@developer.gserviceaccount.com", "compute"},
	} {
		i := slices.IndexFunc(g.Instances, func(x snapshot.GCPInstance) bool { return x.Name == tc.name })
		if i < 0 {
			t.Errorf("no instance %s", tc.name)
			continue
		}
		in := g.Instances[i]
		if in.Account != tc.account || len(in.ServiceAccounts) != 1 || in.ServiceAccounts[0].Email != tc.email || in.ServiceAccounts[0].Default != tc.def {
			t.Errorf("%s: %+v", tc.name, in)
		}
	}
	// Every level gets NotInPlan for the organization policies and sinks
	// set elsewhere; the organization is the top of its hierarchy.
	notInPlan := map[string]int{}
	for _, e := range s.Errors {
		if e.Code == tf.CodeNotInPlan {
			notInPlan[e.Resource]++
		}
	}
	for _, list := range [][]snapshot.GCPContainer{g.Organizations, g.Folders, g.Projects} {
		for _, c := range list {
			if notInPlan[c.Name] != 2 {
				t.Errorf("%s: %d NotInPlan errors, want 2", c.Name, notInPlan[c.Name])
			}
		}
	}
	if len(g.Organizations) != 1 || g.Organizations[0].Ancestors == nil || len(g.Organizations[0].Ancestors) != 0 {
		t.Errorf("organizations %+v", g.Organizations)
	}
}
