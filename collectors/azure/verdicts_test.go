package azure

import (
	"sort"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/collectors/azure/azurefake"
	"github.com/rampart-sec/rampart/internal/enginetest"
	"github.com/rampart-sec/rampart/results"
)

func evaluate(t *testing.T, f *azurefake.Server) []results.Result {
	t.Helper()
	s := collectFake(t, f, Options{})
	return enginetest.Evaluate(t, enginetest.New(t, enginetest.Config(t, "")), s, nil)
}

// The known world's verdicts, control by control: what a responder reads.
func TestKnownWorldVerdicts(t *testing.T) {
	rs := evaluate(t, azurefake.New(t, azurefake.KnownWorld()))
	got := map[string]string{}
	for _, r := range rs {
		if r.Provider == "azure" {
			got[r.Control+" "+r.Resource] = string(r.Status)
		}
	}
	users := "/tenants/" + azurefake.TenantID + "/users/"
	sub := "/subscriptions/" + azurefake.SubProd
	for _, tc := range []struct{ control, resource, want string }{
		{"azure-user-mfa", users + azurefake.UID(1), "PASS"},
		{"azure-user-mfa", users + azurefake.UID(2), "FAIL"},
		{"azure-user-mfa", users + azurefake.UID(7), "ERROR"}, // no registration row
		{"azure-privileged-mfa", users + azurefake.UID(1), "PASS"},
		{"azure-privileged-mfa", users + azurefake.UID(2), "FAIL"}, // eligible Global Administrator
		{"azure-privileged-mfa", users + azurefake.UID(3), "FAIL"}, // Privileged Role Administrator through Tier0 Admins
		{"azure-privileged-mfa", users + azurefake.UID(5), "FAIL"}, // guest Owner of prod
		{"azure-global-admin-count", "/tenants/" + azurefake.TenantID, "PASS"},
		{"azure-mfa-enforced", "/tenants/" + azurefake.TenantID, "FAIL"}, // excludes breakglass, not configured as such
		{"azure-permanent-privileged-assignment", "/tenants/" + azurefake.TenantID + "/roleAssignments/ra-alice-ga", "FAIL"},
		{"azure-permanent-privileged-assignment", "/tenants/" + azurefake.TenantID + "/roleAssignments/ra-deployer-ga", "FAIL"},
		{"azure-permanent-privileged-assignment", "/tenants/" + azurefake.TenantID + "/roleEligibilities/esi-bob", "PASS"},
		{"azure-guest-privileged", users + azurefake.UID(5), "FAIL"},
		{"azure-custom-owner-role", azurefake.RBACDef(azurefake.SubProd, "c0000000-0000-0000-0000-000000000001"), "FAIL"},
		{"azure-custom-owner-role", azurefake.RBACDef(azurefake.SubProd, "c0000000-0000-0000-0000-000000000002"), "PASS"},
		{"azure-sp-long-lived-secret", "/tenants/" + azurefake.TenantID + "/applications/" + azurefake.AID(1) + "/passwordCredentials/f0000000-0000-0000-0000-000000000001", "FAIL"},
		{"azure-sp-expired-credential", "/tenants/" + azurefake.TenantID + "/applications/" + azurefake.AID(2) + "/keyCredentials/f0000000-0000-0000-0000-000000000002", "FAIL"},
		{"azure-sp-expired-credential", "/tenants/" + azurefake.TenantID + "/applications/" + azurefake.AID(1), "PASS"},
		{"azure-inactive-user", users + azurefake.UID(7), "FAIL"},
		{"azure-inactive-user", users + azurefake.UID(1), "PASS"},
		{"azure-activity-log-export", sub, "PASS"},
		{"azure-activity-log-alerts", sub, "FAIL"},
		{"azure-defender-plans", sub + "/providers/Microsoft.Security/pricings/VirtualMachines", "PASS"},
		{"azure-defender-plans", sub + "/providers/Microsoft.Security/pricings/KeyVaults", "FAIL"},
		{"azure-pim-activation-policy", "/tenants/" + azurefake.TenantID + "/roleManagementPolicies/Directory_" + azurefake.TenantID + "_pol_62e90394", "FAIL"},
		{"azure-pim-activation-policy", "/tenants/" + azurefake.TenantID + "/roleManagementPolicies/Directory_" + azurefake.TenantID + "_pol_e8611ab8", "PASS"},
		{"azure-sp-privileged-secret", "/tenants/" + azurefake.TenantID + "/servicePrincipals/" + azurefake.SPID(1), "FAIL"},
		{"azure-sp-privileged-secret", "/tenants/" + azurefake.TenantID + "/servicePrincipals/" + azurefake.SPID(2), "PASS"},
		{"azure-lighthouse-delegation", sub + "/providers/Microsoft.ManagedServices/registrationAssignments/l1", "FAIL"},
	} {
		if s := got[tc.control+" "+tc.resource]; s != tc.want {
			t.Errorf("%s %s: %q, want %s", tc.control, tc.resource, s, tc.want)
		}
	}
	if t.Failed() {
		var keys []string
		for k, v := range got {
			keys = append(keys, v+" "+k)
		}
		sort.Strings(keys)
		t.Log(strings.Join(keys, "\n"))
	}
}

// AccessDenied on one subscription: every subscription control is ERROR
// there, and no result in the other subscription is.
func TestDeniedSubscriptionControlsAreErrorOthersUnaffected(t *testing.T) {
	rs := evaluate(t, azurefake.New(t, azurefake.KnownWorld()))
	perControl := map[string]bool{}
	for _, r := range rs {
		switch r.Account {
		case azurefake.SubDenied:
			if r.Status != results.Error {
				t.Errorf("%s %s in the denied subscription: %s, want ERROR", r.Control, r.Resource, r.Status)
			}
			perControl[r.Control] = true
		case azurefake.SubProd:
			if r.Status == results.Error {
				t.Errorf("%s %s in prod: ERROR (%s), want a verdict", r.Control, r.Resource, r.Message)
			}
		}
	}
	for _, c := range []string{"azure-activity-log-export", "azure-activity-log-alerts", "azure-defender-plans", "azure-custom-owner-role", "azure-lighthouse-delegation", "azure-permanent-privileged-assignment"} {
		if !perControl[c] {
			t.Errorf("%s: no ERROR for the denied subscription", c)
		}
	}
}

// Without Entra ID P1/P2, the licence-gated controls are ERROR naming the
// licence, never PASS.
func TestNoPremiumLicenceIsErrorNamingIt(t *testing.T) {
	w := azurefake.KnownWorld()
	w.P1, w.P2 = false, false
	w.SKUs = nil
	rs := evaluate(t, azurefake.New(t, w))
	for _, r := range rs {
		if r.Account != azurefake.TenantID {
			continue
		}
		switch r.Control {
		case "azure-user-mfa", "azure-inactive-user", "azure-pim-activation-policy", "azure-privileged-mfa":
			if r.Status != results.Error || !strings.Contains(r.Message, "Microsoft Entra ID P") {
				t.Errorf("%s %s: %s %q, want ERROR naming the licence", r.Control, r.Resource, r.Status, r.Message)
			}
		}
	}
}
