package azurefake

import "fmt"

// IDs of the known world: obviously fake, GUID-shaped as the APIs return.
const (
	TenantID  = "11111111-1111-1111-1111-111111111111"
	SubProd   = "22222222-2222-2222-2222-222222222222"
	SubDenied = "33333333-3333-3333-3333-333333333333"
	MSPTenant = "44444444-4444-4444-4444-444444444444"

	GARole          = "62e90394-69f5-4237-9190-012177145e10"
	PRARole         = "e8611ab8-c189-46e8-94e1-60213ab1f814"
	OwnerRole       = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	UAARole         = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
	ContributorRole = "b24988ac-6180-42a0-ab88-20f7382dd24c"
)

func UID(n int) string  { return fmt.Sprintf("aaaaaaaa-0000-0000-0000-%012d", n) }
func GID(n int) string  { return fmt.Sprintf("bbbbbbbb-0000-0000-0000-%012d", n) }
func SPID(n int) string { return fmt.Sprintf("cccccccc-0000-0000-0000-%012d", n) }
func AID(n int) string  { return fmt.Sprintf("dddddddd-0000-0000-0000-%012d", n) }
func AppID(n int) string {
	return fmt.Sprintf("eeeeeeee-0000-0000-0000-%012d", n)
}

func RBACDef(sub, role string) string {
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
		"id": UID(n), "userPrincipalName": upn, "displayName": upn, "userType": typ, "accountEnabled": enabled,
		"createdDateTime": "2024-01-01T00:00:00Z",
		"signInActivity":  map[string]any{"lastSignInDateTime": lastSignIn, "lastNonInteractiveSignInDateTime": nil, "lastSuccessfulSignInDateTime": lastSignIn},
	}
}

func registration(n int, upn string, registered bool) map[string]any {
	methods := []string{}
	if registered {
		methods = []string{"microsoftAuthenticatorPush", "fido2"}
	}
	return map[string]any{"id": UID(n), "userPrincipalName": upn, "isAdmin": false, "isMfaCapable": registered, "isMfaRegistered": registered, "methodsRegistered": methods}
}

func rbacAssignment(sub, name, principal, ptype, role string) map[string]any {
	return map[string]any{
		"id": "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleAssignments/" + name, "name": name, "type": "Microsoft.Authorization/roleAssignments",
		"properties": map[string]any{"principalId": principal, "principalType": ptype, "roleDefinitionId": RBACDef(sub, role), "scope": "/subscriptions/" + sub},
	}
}

// KnownWorld is the tenant the collector tests collect: with P1 and P2,
// seven users on four pages, admins assigned directly, through PIM and
// through groups, service principals with secrets and federated
// credentials, one complete subscription and one the identity may not read.
func KnownWorld() *World {
	recent, old := "2025-05-20T08:00:00Z", "2024-11-01T08:00:00Z"
	w := &World{
		TenantID: TenantID, P1: true, P2: true, PageSize: 2,
		Organization: map[string]any{"id": TenantID, "displayName": "Example Corp", "verifiedDomains": []any{
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
			{"id": GARole, "templateId": GARole, "displayName": "Global Administrator", "isBuiltIn": true},
			{"id": PRARole, "templateId": PRARole, "displayName": "Privileged Role Administrator", "isBuiltIn": true},
		},
		RoleAssign: []map[string]any{
			{"id": "ra-alice-ga", "principalId": UID(1), "roleDefinitionId": GARole, "directoryScopeId": "/"},
			{"id": "ra-bg-ga", "principalId": UID(6), "roleDefinitionId": GARole, "directoryScopeId": "/"},
			{"id": "ra-tier0-pra", "principalId": GID(1), "roleDefinitionId": PRARole, "directoryScopeId": "/"},
			{"id": "ra-deployer-ga", "principalId": SPID(1), "roleDefinitionId": GARole, "directoryScopeId": "/"},
		},
		AssignSched: []map[string]any{
			{"id": "asi-alice", "principalId": UID(1), "roleDefinitionId": GARole, "directoryScopeId": "/", "assignmentType": "Assigned", "memberType": "Direct", "startDateTime": "2024-02-01T00:00:00Z", "endDateTime": nil},
			{"id": "asi-bg", "principalId": UID(6), "roleDefinitionId": GARole, "directoryScopeId": "/", "assignmentType": "Assigned", "memberType": "Direct", "startDateTime": "2024-02-01T00:00:00Z", "endDateTime": nil},
			// The service principal's assignment predates PIM: no instance.
		},
		EligSched: []map[string]any{
			{"id": "esi-bob", "principalId": UID(2), "roleDefinitionId": GARole, "directoryScopeId": "/", "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": "2026-01-01T00:00:00Z"},
		},
		SecurityDef: map[string]any{"id": "00000000-0000-0000-0000-000000000000", "isEnabled": false},
		CAPolicies: []map[string]any{{
			"id": "ca-mfa", "displayName": "Require MFA for everyone", "state": "enabled",
			"conditions": map[string]any{
				"users":          map[string]any{"includeUsers": []string{"All"}, "excludeUsers": []string{UID(6)}, "includeGroups": []string{}, "excludeGroups": []string{}, "includeRoles": []string{}, "excludeRoles": []string{}},
				"applications":   map[string]any{"includeApplications": []string{"All"}, "excludeApplications": []string{}},
				"clientAppTypes": []string{"all"},
			},
			"grantControls": map[string]any{"operator": "OR", "builtInControls": []string{"mfa"}, "authenticationStrength": nil},
		}},
		Apps: []map[string]any{
			{"id": AID(1), "appId": AppID(1), "displayName": "deployer", "passwordCredentials": []any{
				map[string]any{"keyId": "f0000000-0000-0000-0000-000000000001", "displayName": "pipeline", "startDateTime": "2024-03-01T00:00:00Z", "endDateTime": "2299-12-31T00:00:00Z", "hint": "abc", "secretText": nil},
			}, "keyCredentials": []any{}},
			{"id": AID(2), "appId": AppID(2), "displayName": "ci-federated", "passwordCredentials": []any{}, "keyCredentials": []any{
				map[string]any{"keyId": "f0000000-0000-0000-0000-000000000002", "displayName": "old cert", "type": "AsymmetricX509Cert", "usage": "Verify", "startDateTime": "2023-01-01T00:00:00Z", "endDateTime": "2024-01-01T00:00:00Z"},
			}},
		},
		SPs: []map[string]any{
			{"id": SPID(1), "appId": AppID(1), "displayName": "deployer", "servicePrincipalType": "Application", "appOwnerOrganizationId": TenantID, "accountEnabled": true, "passwordCredentials": []any{}, "keyCredentials": []any{}},
			{"id": SPID(2), "appId": AppID(2), "displayName": "ci-federated", "servicePrincipalType": "Application", "appOwnerOrganizationId": TenantID, "accountEnabled": true, "passwordCredentials": []any{}, "keyCredentials": []any{}},
			{"id": SPID(3), "appId": AppID(3), "displayName": "vm-identity", "servicePrincipalType": "ManagedIdentity", "accountEnabled": true, "passwordCredentials": []any{}, "keyCredentials": []any{}},
		},
		Groups: []map[string]any{{"id": GID(1), "displayName": "Tier0 Admins", "isAssignableToRole": true}},
		Members: map[string][]map[string]any{
			GID(1): {{"@odata.type": "#microsoft.graph.user", "id": UID(3)}},
			GID(2): {{"@odata.type": "#microsoft.graph.user", "id": UID(3)}, {"@odata.type": "#microsoft.graph.servicePrincipal", "id": SPID(2)}},
		},
		GroupElig: map[string][]map[string]any{
			GID(1): {{"id": "ge-1", "groupId": GID(1), "principalId": UID(7), "accessId": "member", "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": nil}},
		},
		Federated: map[string][]map[string]any{
			AID(2): {{"id": "fic-1", "name": "github-main", "issuer": "https://token.actions.githubusercontent.com", "subject": "repo:example/app:ref:refs/heads/main", "audiences": []string{"api://AzureADTokenExchange"}}},
		},
	}
	for _, role := range privileged {
		minutes, approval := "PT1H", true
		if role == GARole {
			minutes, approval = "PT8H", false
		}
		w.RolePolicies = append(w.RolePolicies, map[string]any{
			"id": "Directory_" + TenantID + "_" + role, "policyId": "Directory_" + TenantID + "_pol_" + role[:8], "scopeId": "/", "scopeType": "DirectoryRole", "roleDefinitionId": role,
			"policy": map[string]any{"id": "pol", "rules": []any{
				map[string]any{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": minutes},
				map[string]any{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "id": "Approval_EndUser_Assignment", "setting": map[string]any{"isApprovalRequired": approval}},
			}},
		})
	}
	prod := &Sub{ID: SubProd, Name: "prod",
		Assignments: []map[string]any{
			rbacAssignment(SubProd, "a0000000-0000-0000-0000-000000000001", UID(5), "User", OwnerRole),
			rbacAssignment(SubProd, "a0000000-0000-0000-0000-000000000002", SPID(1), "ServicePrincipal", OwnerRole),
			rbacAssignment(SubProd, "a0000000-0000-0000-0000-000000000003", GID(2), "Group", UAARole),
			rbacAssignment(SubProd, "a0000000-0000-0000-0000-000000000004", SPID(3), "ServicePrincipal", ContributorRole),
		},
		CustomRoles: []map[string]any{
			{"id": RBACDef(SubProd, "c0000000-0000-0000-0000-000000000001"), "name": "c0000000-0000-0000-0000-000000000001", "type": "Microsoft.Authorization/roleDefinitions",
				"properties": map[string]any{"roleName": "Platform Admin", "type": "CustomRole", "description": "everything", "assignableScopes": []string{"/subscriptions/" + SubProd},
					"permissions": []any{map[string]any{"actions": []string{"*"}, "notActions": []string{}, "dataActions": []string{}, "notDataActions": []string{}}}}},
			{"id": RBACDef(SubProd, "c0000000-0000-0000-0000-000000000002"), "name": "c0000000-0000-0000-0000-000000000002", "type": "Microsoft.Authorization/roleDefinitions",
				"properties": map[string]any{"roleName": "VM Reader", "type": "CustomRole", "assignableScopes": []string{"/subscriptions/" + SubProd},
					"permissions": []any{map[string]any{"actions": []string{"Microsoft.Compute/virtualMachines/read"}, "notActions": []string{}}}}},
		},
		AssignSched: []map[string]any{
			{"id": "/subscriptions/" + SubProd + "/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/s1", "name": "s1",
				"properties": map[string]any{"principalId": UID(5), "principalType": "User", "roleDefinitionId": RBACDef(SubProd, OwnerRole), "scope": "/subscriptions/" + SubProd, "assignmentType": "Assigned", "memberType": "Direct", "startDateTime": "2024-05-01T00:00:00Z", "endDateTime": nil, "status": "Provisioned"}},
		},
		EligSched: []map[string]any{
			{"id": "/subscriptions/" + SubProd + "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/e1", "name": "e1",
				"properties": map[string]any{"principalId": UID(1), "principalType": "User", "roleDefinitionId": RBACDef(SubProd, OwnerRole), "scope": "/subscriptions/" + SubProd, "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": nil, "status": "Provisioned"}},
		},
		DiagSet: []map[string]any{{"id": "/subscriptions/" + SubProd + "/providers/microsoft.insights/diagnosticSettings/export", "name": "export",
			"properties": map[string]any{"workspaceId": "/subscriptions/" + SubProd + "/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/central",
				"logs": []any{
					map[string]any{"category": "Administrative", "enabled": true}, map[string]any{"category": "Security", "enabled": true},
					map[string]any{"category": "Policy", "enabled": true}, map[string]any{"category": "Alert", "enabled": true},
					map[string]any{"category": "Recommendation", "enabled": false},
				}}}},
		Alerts: []map[string]any{{"id": "/subscriptions/" + SubProd + "/resourceGroups/monitoring/providers/Microsoft.Insights/activityLogAlerts/policy-write", "name": "policy-write", "location": "Global",
			"properties": map[string]any{"enabled": true, "scopes": []string{"/subscriptions/" + SubProd},
				"condition": map[string]any{"allOf": []any{map[string]any{"field": "category", "equals": "Administrative"}, map[string]any{"field": "operationName", "equals": "Microsoft.Authorization/policyAssignments/write"}}},
				"actions":   map[string]any{"actionGroups": []any{map[string]any{"actionGroupId": "/subscriptions/" + SubProd + "/resourceGroups/monitoring/providers/microsoft.insights/actionGroups/soc"}}}}}},
		Pricings: []map[string]any{
			pricing(SubProd, "VirtualMachines", "Standard", "P2"), pricing(SubProd, "KeyVaults", "Free", ""), pricing(SubProd, "StorageAccounts", "Standard", "DefenderForStorageV2"),
			pricing(SubProd, "Arm", "Free", ""), pricing(SubProd, "SqlServers", "Free", ""), pricing(SubProd, "Containers", "Standard", ""),
		},
		Lighthouse: []map[string]any{{"id": "/subscriptions/" + SubProd + "/providers/Microsoft.ManagedServices/registrationAssignments/l1", "name": "l1",
			"properties": map[string]any{"registrationDefinitionId": "/subscriptions/" + SubProd + "/providers/Microsoft.ManagedServices/registrationDefinitions/d1", "provisioningState": "Succeeded",
				"registrationDefinition": map[string]any{"properties": map[string]any{"registrationDefinitionName": "MSP operations", "managedByTenantId": MSPTenant, "managedByTenantName": "Example MSP",
					"authorizations": []any{map[string]any{"principalId": "99999999-0000-0000-0000-000000000001", "principalIdDisplayName": "MSP admins", "roleDefinitionId": ContributorRole}}}}}}},
	}
	w.Subs = []*Sub{prod, {ID: SubDenied, Name: "dev", Denied: true}}
	return w
}

func pricing(sub, name, tier, subPlan string) map[string]any {
	p := map[string]any{"pricingTier": tier}
	if subPlan != "" {
		p["subPlan"] = subPlan
	}
	return map[string]any{"id": "/subscriptions/" + sub + "/providers/Microsoft.Security/pricings/" + name, "name": name, "type": "Microsoft.Security/pricings", "properties": p}
}
