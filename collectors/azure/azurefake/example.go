package azurefake

// TrustedMSP is the managing tenant examples/rampart.yaml trusts.
const TrustedMSP = "55555555-5555-5555-5555-555555555555"

// ExampleWorld is the tenant of examples/azure-tenant.json: the known world
// with the dev subscription readable and configured the opposite way from
// prod, a guest without roles and an application with a short-lived
// secret, so that every Azure control has a PASS and a FAIL somewhere
// (the tenant-wide ones under the configurations examples/README.md names).
func ExampleWorld() *World {
	w := KnownWorld()
	w.PageSize = 3
	w.Users = append(w.Users, user(8, "auditor_partner.example#EXT#@example.onmicrosoft.com", "Guest", true, "2025-05-25T08:00:00Z"))
	w.Registration = append(w.Registration, registration(8, "auditor_partner.example#EXT#@example.onmicrosoft.com", true))
	w.Apps = append(w.Apps, map[string]any{"id": AID(3), "appId": AppID(4), "displayName": "reporting", "keyCredentials": []any{}, "passwordCredentials": []any{
		map[string]any{"keyId": "f0000000-0000-0000-0000-000000000003", "displayName": "rotated quarterly", "startDateTime": "2025-04-01T00:00:00Z", "endDateTime": "2025-10-01T00:00:00Z"},
	}})
	dev := &Sub{ID: SubDenied, Name: "dev",
		Assignments: []map[string]any{rbacAssignment(SubDenied, "a0000000-0000-0000-0000-000000000011", UID(3), "User", ContributorRole)},
		CustomRoles: []map[string]any{},
		AssignSched: []map[string]any{},
		EligSched: []map[string]any{
			{"id": "/subscriptions/" + SubDenied + "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/e2", "name": "e2",
				"properties": map[string]any{"principalId": UID(2), "principalType": "User", "roleDefinitionId": RBACDef(SubDenied, UAARole), "scope": "/subscriptions/" + SubDenied, "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": "2026-01-01T00:00:00Z", "status": "Provisioned"}},
		},
		DiagSet: []map[string]any{},
		Pricings: []map[string]any{
			pricing(SubDenied, "VirtualMachines", "Standard", "P1"), pricing(SubDenied, "KeyVaults", "Standard", ""), pricing(SubDenied, "StorageAccounts", "Standard", ""),
			pricing(SubDenied, "Arm", "Standard", ""), pricing(SubDenied, "SqlServers", "Standard", ""), pricing(SubDenied, "Containers", "Standard", ""),
		},
		Lighthouse: []map[string]any{{"id": "/subscriptions/" + SubDenied + "/providers/Microsoft.ManagedServices/registrationAssignments/l2", "name": "l2",
			"properties": map[string]any{"registrationDefinitionId": "/subscriptions/" + SubDenied + "/providers/Microsoft.ManagedServices/registrationDefinitions/d2", "provisioningState": "Succeeded",
				"registrationDefinition": map[string]any{"properties": map[string]any{"registrationDefinitionName": "Security partner (read)", "managedByTenantId": TrustedMSP, "managedByTenantName": "Example Security Partner",
					"authorizations": []any{map[string]any{"principalId": "99999999-0000-0000-0000-000000000002", "principalIdDisplayName": "SOC analysts", "roleDefinitionId": "acdd72a7-3385-48ef-bd42-f606fba81ae7"}}}}}}},
	}
	for _, op := range []string{"Microsoft.Authorization/policyAssignments/write", "Microsoft.Authorization/roleAssignments/write", "Microsoft.Network/networkSecurityGroups/write", "Microsoft.Security/securitySolutions/write"} {
		name := op[len("Microsoft."):]
		dev.Alerts = append(dev.Alerts, map[string]any{"id": "/subscriptions/" + SubDenied + "/resourceGroups/monitoring/providers/Microsoft.Insights/activityLogAlerts/" + sanitize(name), "name": sanitize(name), "location": "Global",
			"properties": map[string]any{"enabled": true, "scopes": []string{"/subscriptions/" + SubDenied},
				"condition": map[string]any{"allOf": []any{map[string]any{"field": "category", "equals": "Administrative"}, map[string]any{"field": "operationName", "equals": op}}},
				"actions":   map[string]any{"actionGroups": []any{map[string]any{"actionGroupId": "/subscriptions/" + SubDenied + "/resourceGroups/monitoring/providers/microsoft.insights/actionGroups/soc"}}}}})
	}
	w.Subs = []*Sub{w.Subs[0], dev}
	return w
}

func sanitize(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c == '/' || c == '.' {
			out[i] = '-'
		}
	}
	return string(out)
}
