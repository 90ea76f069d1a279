package terraform_test

import (
	"testing"

	"github.com/rampart-sec/rampart/internal/enginetest"
	"github.com/rampart-sec/rampart/results"
)

// The azurerm/azuread identity plan (PROVENANCE.md): what the plan
// creates is judged — a service principal made Global Administrator with a
// client secret, Owners assigned permanently, a custom role with "*" at
// subscription scope, secrets valid for more than a year (explicit end,
// Graph's two-year default) — and what it cannot show is not: a service
// principal that exists outside the plan may hold secrets (ERROR, not
// PASS), a secret whose end comes from a time_rotating is unknown until
// apply (ERROR), and no control that needs sign-ins or MFA runs (iac: N).
func TestSyntheticAzureIdentity(t *testing.T) {
	v := plan(t, "synthetic_azure_identity")
	const tn = "/tenants/aaaaaaaa-0000-0000-0000-000000000001"
	v.expect(t, "azure-permanent-privileged-assignment", tn+"/roleAssignments/azuread_directory_role_assignment.deploy_ga", results.Fail, "Global Administrator assignment of deploy-pipeline is permanent")
	v.expect(t, "azure-permanent-privileged-assignment", "azurerm_role_assignment.ops_owner", results.Fail, "Owner")
	v.expect(t, "azure-permanent-privileged-assignment", "azurerm_role_assignment.existing_owner", results.Fail, "Owner")
	v.expect(t, "azure-sp-privileged-secret", tn+"/servicePrincipals/azuread_service_principal.deploy", results.Fail, "Global Administrator")
	v.expect(t, "azure-sp-privileged-secret", tn+"/servicePrincipals/azuread_service_principal.reporting", results.Fail, "Contributor and authenticates with 2 client secret(s)")
	v.expect(t, "azure-sp-privileged-secret", tn+"/servicePrincipals/azuread_service_principal.ci", results.Pass, "no client secret")
	v.expect(t, "azure-sp-privileged-secret", tn+"/servicePrincipals/azuread_service_principal.existing", results.Error, "exists outside this plan")
	v.expect(t, "azure-custom-owner-role", "azurerm_role_definition.deployer", results.Fail, "allows every action")
	v.expect(t, "azure-custom-owner-role", "azurerm_role_definition.reader_plus", results.Pass, "")
	v.expect(t, "azure-custom-owner-role", "azurerm_role_definition.rg_admin", results.Pass, "")
	v.expect(t, "azure-sp-long-lived-secret", tn+"/applications/azuread_application.deploy/passwordCredentials/azuread_application_password.deploy", results.Fail, "457 days")
	v.expect(t, "azure-sp-long-lived-secret", tn+"/applications/azuread_application.reporting/passwordCredentials/azuread_application_password.reporting", results.Pass, "90 days")
	v.expect(t, "azure-sp-long-lived-secret", tn+"/applications/azuread_application.reporting/passwordCredentials/azuread_application_password.rotating", results.Error, "end_date of azuread_application_password.rotating is unknown until apply")
	v.expect(t, "azure-sp-long-lived-secret", tn+"/servicePrincipals/dddddddd-0000-0000-0000-000000000001/passwordCredentials/azuread_service_principal_password.legacy", results.Fail, "731 days")
	for _, c := range []string{"azure-user-mfa", "azure-privileged-mfa", "azure-mfa-enforced", "azure-inactive-user", "azure-global-admin-count", "azure-pim-activation-policy", "azure-sp-expired-credential"} {
		v.none(t, c, results.Pass, results.Fail, results.Error)
	}
	if len(v) != 14 {
		t.Errorf("%d results, want the 14 above", len(v))
	}
}

// The monitoring plan, two subscriptions (the second through a provider
// alias): settings the plan declares prove a PASS; an incomplete one, or
// alerts missing an operation, are not reported as absent (settings may
// exist outside the plan); alerts with an operation unknown until apply
// leave the subscription's verdict ERROR; Defender plans are judged where
// declared; a Lighthouse delegation is judged against azure.trusted_tenants,
// and one whose definition is outside the plan is ERROR.
func TestSyntheticAzureMonitoring(t *testing.T) {
	v := plan(t, "synthetic_azure_monitoring")
	const s1, s2 = "/subscriptions/bbbbbbbb-0000-0000-0000-000000000001", "/subscriptions/bbbbbbbb-0000-0000-0000-000000000002"
	v.expect(t, "azure-activity-log-export", s1, results.Pass, "activity-to-law")
	if r := v.find("azure-activity-log-export", s2); r != nil {
		t.Errorf("an incomplete setting in the plan was reported: %s %s", r.Status, r.Message)
	}
	v.expect(t, "azure-activity-log-alerts", s1, results.Pass, "")
	v.expect(t, "azure-activity-log-alerts", s2, results.Error, "criteria.operation_name of azurerm_monitor_activity_log_alert.dev_nsg is unknown until apply")
	v.expect(t, "azure-defender-plans", s1+"/providers/Microsoft.Security/pricings/VirtualMachines", results.Pass, "")
	v.expect(t, "azure-defender-plans", s1+"/providers/Microsoft.Security/pricings/KeyVaults", results.Fail, "Free")
	v.expect(t, "azure-defender-plans", s2+"/providers/Microsoft.Security/pricings/StorageAccounts", results.Pass, "")
	v.expect(t, "azure-lighthouse-delegation", "azurerm_lighthouse_assignment.msp", results.Fail, "cccccccc-0000-0000-0000-000000000001")
	v.expect(t, "azure-lighthouse-delegation", "azurerm_lighthouse_assignment.dev_vendor", results.Error, "not in this plan")
	if len(v) != 8 {
		t.Errorf("%d results, want the 8 above", len(v))
	}

	// Trusting the managing tenant turns the delegation into a PASS.
	cfg := enginetest.Config(t, "azure:\n  trusted_tenants: [cccccccc-0000-0000-0000-000000000001]\n")
	rs := enginetest.Evaluate(t, enginetest.New(t, cfg, "azure-lighthouse-delegation"), mapFile(t, "synthetic_azure_monitoring"), nil)
	verdicts(rs).expect(t, "azure-lighthouse-delegation", "azurerm_lighthouse_assignment.msp", results.Pass, "trusted tenant")
}
