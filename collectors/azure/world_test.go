package azure

import "fmt"

// IDs of the known world: obviously fake, GUID-shaped as the APIs return.
const (
	tenantID  = "11111111-1111-1111-1111-111111111111"
	subProd   = "22222222-2222-2222-2222-222222222222"
	subDenied = "33333333-3333-3333-3333-333333333333"
	mspTenant = "44444444-4444-4444-4444-444444444444"

	gaRole    = "62e90394-69f5-4237-9190-012177145e10"
	praRole   = "e8611ab8-c189-46e8-94e1-60213ab1f814"
	ownerRole = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	uaaRole   = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
	contrRole = "b24988ac-6180-42a0-ab88-20f7382dd24c"
)

func uid(n int) string  { return fmt.Sprintf("aaaaaaaa-0000-0000-0000-%012d", n) }
func gid(n int) string  { return fmt.Sprintf("bbbbbbbb-0000-0000-0000-%012d", n) }
func spid(n int) string { return fmt.Sprintf("cccccccc-0000-0000-0000-%012d", n) }
func aid(n int) string  { return fmt.Sprintf("dddddddd-0000-0000-0000-%012d", n) }
func appid(n int) string {
	return fmt.Sprintf("eeeeeeee-0000-0000-0000-%012d", n)
}

func rbacDef(sub, role string) string {
	return "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" + role
}

// privileged lists the template IDs of the privileged directory roles, as
// the policies know them, for PIM settings of every role.
var privileged = []string{
	"62e90394-69f5-4237-9190-012177145e10", "e8611ab8-c189-46e8-94e1-60213ab1f814", "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
	"194ae4cb-b126-40b2-bd5b-6091b380977d", "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
	"158c047a-c907-4556-b7ef-446551a6b5f7", "c4e39bd9-1100-46d3-8c65-fb160da0071f", "fe930be7-5e62-47db-91af-98c3a49a38b1",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "29232cdf-9323-42fd-ade2-1d097af3e4de", "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
	"3a2c62db-5318-420d-8d74-23affee5d9d5", "729827e3-9c14-49f7-bb1b-9608f156bbb8",
}

func user(n int, upn, typ string, enabled bool, lastSignIn any) map[string]any {
	return map[string]any{
		"id": uid(n), "userPrincipalName": upn, "displayName": upn, "userType": typ, "accountEnabled": enabled,
		"createdDateTime": "2024-01-01T00:00:00Z",
		"signInActivity":  map[string]any{"lastSignInDateTime": lastSignIn, "lastNonInteractiveSignInDateTime": nil, "lastSuccessfulSignInDateTime": lastSignIn},
	}
}

func registration(n int, upn string, registered bool) map[string]any {
	methods := []string{}
	if registered {
		methods = []string{"microsoftAuthenticatorPush", "fido2"}
	}
	return map[string]any{"id": uid(n), "userPrincipalName": upn, "isAdmin": false, "isMfaCapable": registered, "isMfaRegistered": registered, "methodsRegistered": methods}
}

func rbacAssignment(sub, name, principal, ptype, role string) map[string]any {
	return map[string]any{
		"id": "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleAssignments/" + name, "name": name, "type": "Microsoft.Authorization/roleAssignments",
		"properties": map[string]any{"principalId": principal, "principalType": ptype, "roleDefinitionId": rbacDef(sub, role), "scope": "/subscriptions/" + sub},
	}
}

// knownWorld is the tenant the collector tests collect: with P1 and P2,
// seven users on four pages, admins assigned directly, through PIM and
// through groups, service principals with secrets and federated
// credentials, one complete subscription and one the identity may not read.
func knownWorld() *world {
	recent, old := "2025-05-20T08:00:00Z", "2024-11-01T08:00:00Z"
	w := &world{
		TenantID: tenantID, P1: true, P2: true, PageSize: 2,
		Organization: map[string]any{"id": tenantID, "displayName": "Example Corp", "verifiedDomains": []any{
			map[string]any{"name": "example.onmicrosoft.com", "isDefault": true, "isInitial": true},
		}},
		SKUs: []map[string]any{{"skuPartNumber": "EMSPREMIUM", "capabilityStatus": "Enabled", "servicePlans": []any{
			map[string]any{"servicePlanName": "AAD_PREMIUM", "provisioningStatus": "Success"},
			map[string]any{"servicePlanName": "AAD_PREMIUM_P2", "provisioningStatus": "Success"},
		}}},
		Users: []map[string]any{
			user(1, "alice@example.onmicrosoft.com", "Member", true, recent),
			user(2, "bob@example.onmicrosoft.com", "Member", true, recent),
			user(3, "carol@example.onmicrosoft.com", "Member", true, recent),
			user(4, "dave@example.onmicrosoft.com", "Member", false, old),
			user(5, "eve_partner.example#EXT#@example.onmicrosoft.com", "Guest", true, recent),
			user(6, "breakglass@example.onmicrosoft.com", "Member", true, nil),
			user(7, "frank@example.onmicrosoft.com", "Member", true, old),
		},
		Registration: []map[string]any{
			registration(1, "alice@example.onmicrosoft.com", true),
			registration(2, "bob@example.onmicrosoft.com", false),
			registration(3, "carol@example.onmicrosoft.com", false),
			registration(4, "dave@example.onmicrosoft.com", false),
			registration(5, "eve_partner.example#EXT#@example.onmicrosoft.com", false),
			registration(6, "breakglass@example.onmicrosoft.com", true),
			// frank has no row: his MFA state is unknown.
		},
		RoleDefs: []map[string]any{
			{"id": gaRole, "templateId": gaRole, "displayName": "Global Administrator", "isBuiltIn": true},
			{"id": praRole, "templateId": praRole, "displayName": "Privileged Role Administrator", "isBuiltIn": true},
		},
		RoleAssign: []map[string]any{
			{"id": "ra-alice-ga", "principalId": uid(1), "roleDefinitionId": gaRole, "directoryScopeId": "/"},
			{"id": "ra-bg-ga", "principalId": uid(6), "roleDefinitionId": gaRole, "directoryScopeId": "/"},
			{"id": "ra-tier0-pra", "principalId": gid(1), "roleDefinitionId": praRole, "directoryScopeId": "/"},
			{"id": "ra-deployer-ga", "principalId": spid(1), "roleDefinitionId": gaRole, "directoryScopeId": "/"},
		},
		AssignSched: []map[string]any{
			{"id": "asi-alice", "principalId": uid(1), "roleDefinitionId": gaRole, "directoryScopeId": "/", "assignmentType": "Assigned", "memberType": "Direct", "startDateTime": "2024-02-01T00:00:00Z", "endDateTime": nil},
			{"id": "asi-bg", "principalId": uid(6), "roleDefinitionId": gaRole, "directoryScopeId": "/", "assignmentType": "Assigned", "memberType": "Direct", "startDateTime": "2024-02-01T00:00:00Z", "endDateTime": nil},
			// The service principal's assignment predates PIM: no instance.
		},
		EligSched: []map[string]any{
			{"id": "esi-bob", "principalId": uid(2), "roleDefinitionId": gaRole, "directoryScopeId": "/", "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": "2026-01-01T00:00:00Z"},
		},
		SecurityDef: map[string]any{"id": "00000000-0000-0000-0000-000000000000", "isEnabled": false},
		CAPolicies: []map[string]any{{
			"id": "ca-mfa", "displayName": "Require MFA for everyone", "state": "enabled",
			"conditions": map[string]any{
				"users":          map[string]any{"includeUsers": []string{"All"}, "excludeUsers": []string{uid(6)}, "includeGroups": []string{}, "excludeGroups": []string{}, "includeRoles": []string{}, "excludeRoles": []string{}},
				"applications":   map[string]any{"includeApplications": []string{"All"}, "excludeApplications": []string{}},
				"clientAppTypes": []string{"all"},
			},
			"grantControls": map[string]any{"operator": "OR", "builtInControls": []string{"mfa"}, "authenticationStrength": nil},
		}},
		Apps: []map[string]any{
			{"id": aid(1), "appId": appid(1), "displayName": "deployer", "passwordCredentials": []any{
				map[string]any{"keyId": "f0000000-0000-0000-0000-000000000001", "displayName": "pipeline", "startDateTime": "2024-03-01T00:00:00Z", "endDateTime": "2299-12-31T00:00:00Z", "hint": "abc", "secretText": nil},
			}, "keyCredentials": []any{}},
			{"id": aid(2), "appId": appid(2), "displayName": "ci-federated", "passwordCredentials": []any{}, "keyCredentials": []any{
				map[string]any{"keyId": "f0000000-0000-0000-0000-000000000002", "displayName": "old cert", "type": "AsymmetricX509Cert", "usage": "Verify", "startDateTime": "2023-01-01T00:00:00Z", "endDateTime": "2024-01-01T00:00:00Z"},
			}},
		},
		SPs: []map[string]any{
			{"id": spid(1), "appId": appid(1), "displayName": "deployer", "servicePrincipalType": "Application", "appOwnerOrganizationId": tenantID, "accountEnabled": true, "passwordCredentials": []any{}, "keyCredentials": []any{}},
			{"id": spid(2), "appId": appid(2), "displayName": "ci-federated", "servicePrincipalType": "Application", "appOwnerOrganizationId": tenantID, "accountEnabled": true, "passwordCredentials": []any{}, "keyCredentials": []any{}},
			{"id": spid(3), "appId": appid(3), "displayName": "vm-identity", "servicePrincipalType": "ManagedIdentity", "accountEnabled": true, "passwordCredentials": []any{}, "keyCredentials": []any{}},
		},
		Groups: []map[string]any{{"id": gid(1), "displayName": "Tier0 Admins", "isAssignableToRole": true}},
		Members: map[string][]map[string]any{
			gid(1): {{"@odata.type": "#microsoft.graph.user", "id": uid(3)}},
			gid(2): {{"@odata.type": "#microsoft.graph.user", "id": uid(3)}, {"@odata.type": "#microsoft.graph.servicePrincipal", "id": spid(2)}},
		},
		GroupElig: map[string][]map[string]any{
			gid(1): {{"id": "ge-1", "groupId": gid(1), "principalId": uid(7), "accessId": "member", "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": nil}},
		},
		Federated: map[string][]map[string]any{
			aid(2): {{"id": "fic-1", "name": "github-main", "issuer": "https://token.actions.githubusercontent.com", "subject": "repo:example/app:ref:refs/heads/main", "audiences": []string{"api://AzureADTokenExchange"}}},
		},
	}
	for _, role := range privileged {
		minutes, approval := "PT1H", true
		if role == gaRole {
			minutes, approval = "PT8H", false
		}
		w.RolePolicies = append(w.RolePolicies, map[string]any{
			"id": "Directory_" + tenantID + "_" + role, "policyId": "Directory_" + tenantID + "_pol_" + role[:8], "scopeId": "/", "scopeType": "DirectoryRole", "roleDefinitionId": role,
			"policy": map[string]any{"id": "pol", "rules": []any{
				map[string]any{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": minutes},
				map[string]any{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "id": "Approval_EndUser_Assignment", "setting": map[string]any{"isApprovalRequired": approval}},
			}},
		})
	}
	prod := &fakeSub{ID: subProd, Name: "prod",
		Assignments: []map[string]any{
			rbacAssignment(subProd, "a0000000-0000-0000-0000-000000000001", uid(5), "User", ownerRole),
			rbacAssignment(subProd, "a0000000-0000-0000-0000-000000000002", spid(1), "ServicePrincipal", ownerRole),
			rbacAssignment(subProd, "a0000000-0000-0000-0000-000000000003", gid(2), "Group", uaaRole),
			rbacAssignment(subProd, "a0000000-0000-0000-0000-000000000004", spid(3), "ServicePrincipal", contrRole),
		},
		CustomRoles: []map[string]any{
			{"id": rbacDef(subProd, "c0000000-0000-0000-0000-000000000001"), "name": "c0000000-0000-0000-0000-000000000001", "type": "Microsoft.Authorization/roleDefinitions",
				"properties": map[string]any{"roleName": "Platform Admin", "type": "CustomRole", "description": "everything", "assignableScopes": []string{"/subscriptions/" + subProd},
					"permissions": []any{map[string]any{"actions": []string{"*"}, "notActions": []string{}, "dataActions": []string{}, "notDataActions": []string{}}}}},
			{"id": rbacDef(subProd, "c0000000-0000-0000-0000-000000000002"), "name": "c0000000-0000-0000-0000-000000000002", "type": "Microsoft.Authorization/roleDefinitions",
				"properties": map[string]any{"roleName": "VM Reader", "type": "CustomRole", "assignableScopes": []string{"/subscriptions/" + subProd},
					"permissions": []any{map[string]any{"actions": []string{"Microsoft.Compute/virtualMachines/read"}, "notActions": []string{}}}}},
		},
		AssignSched: []map[string]any{
			{"id": "/subscriptions/" + subProd + "/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/s1", "name": "s1",
				"properties": map[string]any{"principalId": uid(5), "principalType": "User", "roleDefinitionId": rbacDef(subProd, ownerRole), "scope": "/subscriptions/" + subProd, "assignmentType": "Assigned", "memberType": "Direct", "startDateTime": "2024-05-01T00:00:00Z", "endDateTime": nil, "status": "Provisioned"}},
		},
		EligSched: []map[string]any{
			{"id": "/subscriptions/" + subProd + "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/e1", "name": "e1",
				"properties": map[string]any{"principalId": uid(1), "principalType": "User", "roleDefinitionId": rbacDef(subProd, ownerRole), "scope": "/subscriptions/" + subProd, "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": nil, "status": "Provisioned"}},
		},
		DiagSet: []map[string]any{{"id": "/subscriptions/" + subProd + "/providers/microsoft.insights/diagnosticSettings/export", "name": "export",
			"properties": map[string]any{"workspaceId": "/subscriptions/" + subProd + "/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/central",
				"logs": []any{
					map[string]any{"category": "Administrative", "enabled": true}, map[string]any{"category": "Security", "enabled": true},
					map[string]any{"category": "Policy", "enabled": true}, map[string]any{"category": "Alert", "enabled": true},
					map[string]any{"category": "Recommendation", "enabled": false},
				}}}},
		Alerts: []map[string]any{{"id": "/subscriptions/" + subProd + "/resourceGroups/monitoring/providers/Microsoft.Insights/activityLogAlerts/policy-write", "name": "policy-write", "location": "Global",
			"properties": map[string]any{"enabled": true, "scopes": []string{"/subscriptions/" + subProd},
				"condition": map[string]any{"allOf": []any{map[string]any{"field": "category", "equals": "Administrative"}, map[string]any{"field": "operationName", "equals": "Microsoft.Authorization/policyAssignments/write"}}},
				"actions":   map[string]any{"actionGroups": []any{map[string]any{"actionGroupId": "/subscriptions/" + subProd + "/resourceGroups/monitoring/providers/microsoft.insights/actionGroups/soc"}}}}}},
		Pricings: []map[string]any{
			pricing(subProd, "VirtualMachines", "Standard", "P2"), pricing(subProd, "KeyVaults", "Free", ""), pricing(subProd, "StorageAccounts", "Standard", "DefenderForStorageV2"),
			pricing(subProd, "Arm", "Free", ""), pricing(subProd, "SqlServers", "Free", ""), pricing(subProd, "Containers", "Standard", ""),
		},
		Lighthouse: []map[string]any{{"id": "/subscriptions/" + subProd + "/providers/Microsoft.ManagedServices/registrationAssignments/l1", "name": "l1",
			"properties": map[string]any{"registrationDefinitionId": "/subscriptions/" + subProd + "/providers/Microsoft.ManagedServices/registrationDefinitions/d1", "provisioningState": "Succeeded",
				"registrationDefinition": map[string]any{"properties": map[string]any{"registrationDefinitionName": "MSP operations", "managedByTenantId": mspTenant, "managedByTenantName": "Example MSP",
					"authorizations": []any{map[string]any{"principalId": "99999999-0000-0000-0000-000000000001", "principalIdDisplayName": "MSP admins", "roleDefinitionId": contrRole}}}}}}},
	}
	w.Subs = []*fakeSub{prod, {ID: subDenied, Name: "dev", Denied: true}}
	return w
}

func pricing(sub, name, tier, subPlan string) map[string]any {
	p := map[string]any{"pricingTier": tier}
	if subPlan != "" {
		p["subPlan"] = subPlan
	}
	return map[string]any{"id": "/subscriptions/" + sub + "/providers/Microsoft.Security/pricings/" + name, "name": name, "type": "Microsoft.Security/pricings", "properties": p}
}
