package azure

import (
	"os"
	"regexp"
	"slices"
	"strings"
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

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Every type the provider claims is an azurerm or azuread type, and the
// ones issue 11 names are all there.
func TestMappersAreAzureTypes(t *testing.T) {
	m := New().Mappers()
	for typ := range m {
		if !strings.HasPrefix(typ, "azurerm_") && !strings.HasPrefix(typ, "azuread_") {
			t.Errorf("%s is not an Azure resource type", typ)
		}
	}
	for _, typ := range []string{
		"azurerm_role_assignment", "azurerm_role_definition", "azurerm_monitor_diagnostic_setting",
		"azurerm_monitor_activity_log_alert", "azurerm_security_center_subscription_pricing",
		"azurerm_lighthouse_assignment", "azurerm_lighthouse_definition", "azuread_application_password",
		"azuread_service_principal_password", "azuread_directory_role_assignment",
	} {
		if _, ok := m[typ]; !ok {
			t.Errorf("%s is not mapped", typ)
		}
	}
}

// A plan without a mapped Azure resource gets no Azure section, no scope
// and no error: regula's azurerm storage plan (storage accounts, networks)
// has nothing the Azure controls judge, and an AWS plan nothing at all.
func TestNoAzureResources(t *testing.T) {
	for _, f := range []string{"../testdata/regula_azurerm_storage.json", "../testdata/synthetic_guardrails.json"} {
		s := mapPlan(t, f)
		if s.Azure != nil || len(s.Scopes) != 0 || len(s.Errors) != 0 {
			t.Errorf("%s: Azure %+v scopes %+v errors %+v", f, s.Azure, s.Scopes, s.Errors)
		}
	}
}

// References resolve to the plan's own objects: a service principal to
// its application, a role assignment to the service principal and to the
// custom role, a directory role assignment to the role named by
// display_name; a known object ID to the plan's object with that ID.
func TestReferencesResolve(t *testing.T) {
	s := mapPlan(t, "../testdata/synthetic_azure_identity.json")
	tn := s.Azure.Tenants[0]
	if tn.TenantID != "aaaaaaaa-0000-0000-0000-000000000001" {
		t.Errorf("tenant %q, want the azuread provider's tenant_id", tn.TenantID)
	}
	sps := map[string]snapshot.AzureServicePrincipal{}
	for _, sp := range tn.ServicePrincipals {
		sps[sp.ID] = sp
	}
	if sp := sps["azuread_service_principal.deploy"]; sp.AppID != "azuread_application.deploy" || sp.DisplayName != "deploy-pipeline" {
		t.Errorf("deploy service principal %+v: want it linked to azuread_application.deploy", sp)
	}
	if sp := sps["azuread_service_principal.existing"]; sp.AppID != "eeeeeeee-0000-0000-0000-00000000c11e" {
		t.Errorf("existing service principal %+v: want its known client ID", sp)
	}
	var ga *snapshot.AzureRoleAssignment
	for i, a := range tn.DirectoryRoleAssignments {
		if a.ID == "azuread_directory_role_assignment.deploy_ga" {
			ga = &tn.DirectoryRoleAssignments[i]
		}
	}
	if ga == nil || ga.RoleDefinitionID != "62e90394-69f5-4237-9190-012177145e10" || ga.PrincipalID != "azuread_service_principal.deploy" || ga.PrincipalType != "servicePrincipal" {
		t.Errorf("Global Administrator assignment %+v", ga)
	}
	want := map[string][2]string{
		"azurerm_role_assignment.reporting_contributor": {"/subscriptions/bbbbbbbb-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c", "azuread_service_principal.reporting"},
		"azurerm_role_assignment.existing_owner":        {"/subscriptions/bbbbbbbb-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "azuread_service_principal.existing"},
		"azurerm_role_assignment.deployer":              {"azurerm_role_definition.deployer", "eeeeeeee-0000-0000-0000-000000000003"},
		"azurerm_role_assignment.mystery":               {knownAfterApply, "eeeeeeee-0000-0000-0000-000000000004"},
	}
	sub := tn.Subscriptions[0]
	for _, a := range sub.RoleAssignments {
		if w, ok := want[a.ID]; ok && (a.RoleDefinitionID != w[0] || a.PrincipalID != w[1]) {
			t.Errorf("%s: role %s principal %s, want %s %s", a.ID, a.RoleDefinitionID, a.PrincipalID, w[0], w[1])
		}
	}
	// The plan's assignments are permanent: empty schedules, not
	// "not collected".
	if sub.RoleAssignmentSchedules == nil || len(sub.RoleAssignmentSchedules) != 0 || tn.DirectoryRoleAssignmentSchedules == nil {
		t.Error("the PIM schedules of a plan must be empty lists")
	}
	for _, r := range sub.CustomRoles {
		if r.ID == "azurerm_role_definition.reader_plus" && !slices.Equal(r.AssignableScopes, []string{"/subscriptions/bbbbbbbb-0000-0000-0000-000000000001"}) {
			t.Errorf("assignable_scopes left out: %v, want the scope", r.AssignableScopes)
		}
	}
}

// A client secret's validity: an explicit end counted from the time of the
// plan (no start_date), a relative end, Graph's two-year default, and an
// end unknown until apply (null, with an error confined to the secret).
func TestSecretValidity(t *testing.T) {
	s := mapPlan(t, "../testdata/synthetic_azure_identity.json")
	planned := date("2026-03-01T00:00:00Z")
	want := map[string][2]*time.Time{}
	at := func(s string) *time.Time { d := date(s); return &d }
	want["azuread_application_password.deploy"] = [2]*time.Time{&planned, at("2027-06-01T00:00:00Z")}
	want["azuread_application_password.reporting"] = [2]*time.Time{&planned, at("2026-05-30T00:00:00Z")}
	want["azuread_application_password.rotating"] = [2]*time.Time{&planned, nil}
	want["azuread_service_principal_password.legacy"] = [2]*time.Time{&planned, at("2028-03-01T00:00:00Z")}
	got := map[string]snapshot.AzureCredential{}
	tn := s.Azure.Tenants[0]
	for _, a := range tn.Applications {
		for _, c := range a.PasswordCredentials {
			got[c.KeyID] = c
		}
	}
	for _, sp := range tn.ServicePrincipals {
		for _, c := range sp.PasswordCredentials {
			got[c.KeyID] = c
		}
	}
	same := func(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
	for k, w := range want {
		c, ok := got[k]
		if !ok || !same(c.Start, w[0]) || !same(c.End, w[1]) {
			t.Errorf("%s: start %v end %v, want %v %v", k, c.Start, c.End, w[0], w[1])
		}
	}
	var unknown []string
	for _, e := range s.Errors {
		if e.Code == tf.CodeUnknownUntilApply && e.Service == "graph" {
			unknown = append(unknown, e.Resource)
		}
	}
	if !slices.Equal(unknown, []string{"/tenants/aaaaaaaa-0000-0000-0000-000000000001/applications/azuread_application.reporting/passwordCredentials/azuread_application_password.rotating"}) {
		t.Errorf("unknown-until-apply errors on %v, want only the rotating secret's result", unknown)
	}
}

// Subscription-wide settings: a subscription whose diagnostic settings or
// alerts the plan declares gets NotInPlan (absence proves nothing), or,
// when one of them has unknown values, UnknownUntilApply instead; each
// Defender plan not declared is NotInPlan on its own resource; settings of
// other resources (a key vault) are not the activity log's.
func TestSubscriptionSettings(t *testing.T) {
	s := mapPlan(t, "../testdata/synthetic_azure_monitoring.json")
	const s1, s2 = "bbbbbbbb-0000-0000-0000-000000000001", "bbbbbbbb-0000-0000-0000-000000000002"
	got := map[string]string{}
	for _, e := range s.Errors {
		got[e.Account+" "+e.Operation+" "+strings.TrimPrefix(e.Resource, "/subscriptions/"+e.Account)] = e.Code
	}
	want := map[string]string{
		s1 + " ListDiagnosticSettings ":                                              tf.CodeNotInPlan,
		s1 + " ListActivityLogAlerts ":                                               tf.CodeNotInPlan,
		s2 + " ListDiagnosticSettings ":                                              tf.CodeNotInPlan,
		s2 + " ListActivityLogAlerts ":                                               tf.CodeUnknownUntilApply,
		s2 + " ListRegistrationAssignments azurerm_lighthouse_assignment.dev_vendor": CodeDefinitionNotInPlan,
	}
	for _, plan := range defenderPlans {
		if plan != "VirtualMachines" && plan != "KeyVaults" {
			want[s1+" ListPricings /providers/Microsoft.Security/pricings/"+plan] = tf.CodeNotInPlan
		}
		if plan != "StorageAccounts" {
			want[s2+" ListPricings /providers/Microsoft.Security/pricings/"+plan] = tf.CodeNotInPlan
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected error %s: %s", k, g)
		}
	}
	for _, sub := range s.Azure.Tenants[0].Subscriptions {
		for _, d := range sub.DiagnosticSettings {
			if d.ID == "azurerm_monitor_diagnostic_setting.vault" {
				t.Error("a key vault's diagnostic setting was taken for the activity log's")
			}
			if d.ID == "azurerm_monitor_diagnostic_setting.activity" && d.WorkspaceID != knownAfterApply {
				t.Errorf("workspace created in the plan: %q, want %q", d.WorkspaceID, knownAfterApply)
			}
		}
	}
}

// The Defender plans whose absence is NotInPlan are the ones the control
// judges: a plan the control adds would otherwise FAIL on absence.
func TestDefenderPlansFollowTheControl(t *testing.T) {
	src, err := os.ReadFile("../../../policies/azure/defender_plans.rego")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^plans := \[(.*)\]$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("no `plans := [...]` line in defender_plans.rego")
	}
	var judged []string
	for _, q := range strings.Split(string(m[1]), ",") {
		judged = append(judged, strings.Trim(strings.TrimSpace(q), `"`))
	}
	if !slices.Equal(judged, defenderPlans) {
		t.Errorf("the control judges %v, the mapping knows %v", judged, defenderPlans)
	}
}

// A provider value holds no plan's state.
func TestProviderIsSharedAcrossPlans(t *testing.T) {
	p := New()
	for _, f := range []string{"../testdata/synthetic_azure_identity.json", "../testdata/synthetic_azure_monitoring.json"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := tf.Map(f, data, tf.Options{Providers: []tf.Provider{p}, Now: epoch})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Azure.Tenants) != 1 {
			t.Errorf("%s: %d tenants", f, len(s.Azure.Tenants))
		}
		if f == "../testdata/synthetic_azure_monitoring.json" && len(s.Azure.Tenants[0].ServicePrincipals) != 0 {
			t.Error("the first plan's service principals leaked into the second")
		}
	}
}
