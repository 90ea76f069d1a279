// Package azure maps the azurerm_* and azuread_* resources of a Terraform
// plan into one snapshot.AzureTenant and its subscriptions: the Azure
// provider of package terraform (construct it with New; import it as
// tfazure beside the live collector).
//
// # What is read
//
// Azure RBAC (azurerm_role_assignment, azurerm_role_definition), the
// subscription activity log's diagnostic settings
// (azurerm_monitor_diagnostic_setting whose target is a subscription),
// activity log alerts, Defender for Cloud plans
// (azurerm_security_center_subscription_pricing), Azure Lighthouse
// (azurerm_lighthouse_definition and _assignment), and in Entra ID the
// applications and service principals (azuread_application,
// azuread_service_principal) with the client secrets the plan gives them
// (azuread_application_password, azuread_service_principal_password) and
// directory role assignments (azuread_directory_role_assignment, with
// azuread_directory_role for the role it names).
//
// # Names and places
//
// Resources are named by their Terraform address, as in every plan
// mapping: a role assignment's ID, a custom role's ID, an application's or
// service principal's object ID, a client secret's key ID. References
// between them (principal_id = azuread_service_principal.x.object_id,
// role_definition_id = azurerm_role_definition.x.role_definition_resource_id)
// are resolved through the plan's configuration, so a service principal
// the plan creates is the one its role assignment names. A resource lies
// in the subscription of its scope (scope, target_resource_id, scopes),
// else in the subscription_id of its azurerm provider block; the tenant is
// the tenant_id of the azuread (else azurerm) provider block. Either is ""
// when the configuration does not state it as a constant.
//
// # What a plan shows, and what it does not
//
// A role assignment Terraform makes is active and has no end: the plan's
// PIM schedules are empty, so azure-permanent-privileged-assignment fails
// an Owner or Global Administrator assigned by the plan. What may exist
// outside the plan is never reported as absent: for a subscription whose
// diagnostic settings or activity log alerts the plan declares, a NotInPlan
// error (confined to the subscription's resource) keeps a PASS they prove
// and drops a FAIL that only absence would support; a Defender plan the
// plan does not declare is NotInPlan; a service principal that exists
// outside the plan, or whose application does, may hold secrets the plan
// does not show (CredentialsNotInPlan: its "no client secret" is ERROR).
//
// # Unknown values
//
// A value a control reads that is known only after apply becomes an
// UnknownUntilApply error confined to the result it decides: a role
// assignment's role or principal, a custom role's actions, a secret's
// end_date set from another resource, a Lighthouse definition's managing
// tenant; for the subscription-wide settings (diagnostic settings and
// alerts with unknown categories, criteria or scopes) the subscription's
// verdict is ERROR instead of NotInPlan. Values the provider computes and
// the configuration leaves out take the provider's documented default: a
// client secret starts when created (the plan's time is used) and ends
// two years later (Graph's default); assignable_scopes defaults to the
// scope; a destination created in the same plan will be set.
package azure
