# METADATA
# description: |
#   Fixtures for the Azure controls' tests: a tenant and a subscription with
#   every collected list present and empty, to be filled per test.
package rampart.lib.azure.fixtures_test

import rego.v1

tenant_id := "11111111-1111-1111-1111-111111111111"

sub_id := "22222222-2222-2222-2222-222222222222"

ga := "62e90394-69f5-4237-9190-012177145e10"

pra := "e8611ab8-c189-46e8-94e1-60213ab1f814"

owner := "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

contributor := "b24988ac-6180-42a0-ab88-20f7382dd24c"

owner_def := sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", [sub_id, owner])

contributor_def := sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", [sub_id, contributor])

# tenant is a collected tenant with P1 and P2 and nothing in it.
tenant(fields) := object.union(
	{
		"tenant_id": tenant_id,
		"default_domain": "example.onmicrosoft.com",
		"licences": {"entra_id_p1": true, "entra_id_p2": true, "skus": ["AAD_PREMIUM_P2"]},
		"users": [],
		"groups": [],
		"directory_role_definitions": [],
		"directory_role_assignments": [],
		"directory_role_assignment_schedules": [],
		"directory_role_eligibilities": [],
		"role_management_policies": [],
		"security_defaults": {"enabled": false},
		"conditional_access_policies": [],
		"applications": [],
		"service_principals": [],
		"subscriptions": [],
	},
	fields,
)

# subscription is a collected subscription with nothing in it.
subscription(fields) := object.union(
	{
		"subscription_id": sub_id,
		"display_name": "prod",
		"role_assignments": [],
		"custom_roles": [],
		"role_assignment_schedules": [],
		"role_eligibilities": [],
		"diagnostic_settings": [],
		"activity_log_alerts": [],
		"defender_pricings": [],
		"lighthouse_assignments": [],
	},
	fields,
)

# world is a snapshot input holding tenants.
world(tenants) := {"collected_at": "2025-06-01T00:00:00Z", "errors": [], "azure": {"tenants": tenants}}

# user is an enabled member user registered for MFA who signed in lately.
user(name, fields) := object.union(
	{
		"id": user_id(name),
		"user_principal_name": sprintf("%s@example.onmicrosoft.com", [name]),
		"user_type": "Member",
		"account_enabled": true,
		"created": "2024-01-01T00:00:00Z",
		"sign_in_activity": {"last_sign_in": "2025-05-20T00:00:00Z", "last_non_interactive_sign_in": null, "last_successful_sign_in": "2025-05-20T00:00:00Z"},
		"mfa": {"is_mfa_registered": true, "is_mfa_capable": true, "methods": ["microsoftAuthenticatorPush"], "is_admin": false},
	},
	fields,
)

# user_id is a readable stand-in for an object ID.
user_id(name) := sprintf("user-%s", [name])

# dir_assignment is an active directory role assignment to a principal.
dir_assignment(id, principal, type, role) := {"id": id, "principal_id": principal, "principal_type": type, "role_definition_id": role, "scope": "/"}

# dir_schedule is a PIM schedule instance (active or eligible).
dir_schedule(id, principal, type, role, assignment_type, end) := {"id": id, "principal_id": principal, "principal_type": type, "role_definition_id": role, "scope": "/", "assignment_type": assignment_type, "member_type": "Direct", "start": "2025-01-01T00:00:00Z", "end": end}

# rbac_assignment is an Azure RBAC role assignment on the subscription.
rbac_assignment(id, principal, type, role_def) := {"id": sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleAssignments/%s", [sub_id, id]), "principal_id": principal, "principal_type": type, "role_definition_id": role_def, "scope": sprintf("/subscriptions/%s", [sub_id])}

# error is a collection error of the tenant (or a subscription).
error(account, service, operation, code, message) := {"provider": "azure", "account": account, "service": service, "operation": operation, "code": code, "message": message}
