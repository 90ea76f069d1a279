package snapshot

import "time"

// Azure is the Azure section of a snapshot: one entry per collected Entra ID
// tenant, each holding the subscriptions collected in it. Directory objects
// (users, groups, service principals) belong to the tenant; Azure RBAC,
// monitoring and Defender settings belong to the subscription.
type Azure struct {
	Tenants []AzureTenant `json:"tenants"`
}

// AzureTenant is everything collected from one Entra ID tenant. A nil slice
// or pointer means "not collected": the reason is in Snapshot.Errors (under
// account = tenant ID), often a licence the tenant lacks.
type AzureTenant struct {
	TenantID      string `json:"tenant_id"`
	DisplayName   string `json:"display_name,omitempty"`
	DefaultDomain string `json:"default_domain,omitempty"`
	// Cloud is the Azure cloud the tenant was collected in ("AzurePublic",
	// "AzureUSGovernment", "AzureChina" or "custom").
	Cloud    string         `json:"cloud,omitempty"`
	Licences *AzureLicences `json:"licences"`

	Users []AzureUser `json:"users"`
	// Groups holds only the groups that matter to privilege: those that can
	// be assigned directory roles, and those that hold a role anywhere
	// collected, with their members.
	Groups []AzureGroup `json:"groups"`

	DirectoryRoleDefinitions []AzureDirectoryRoleDefinition `json:"directory_role_definitions"`
	// DirectoryRoleAssignments are the active directory role assignments
	// (roleManagement/directory/roleAssignments): permanent ones and PIM
	// activations alike. They need no licence, so an admin assigned
	// directly is seen even where PIM cannot be read.
	DirectoryRoleAssignments []AzureRoleAssignment `json:"directory_role_assignments"`
	// DirectoryRoleAssignmentSchedules are PIM's active assignment
	// instances: they tell an activation ("Activated") from an assignment
	// ("Assigned") and a permanent one (no end) from a time-bound one.
	// Entra ID P2.
	DirectoryRoleAssignmentSchedules []AzureRoleSchedule `json:"directory_role_assignment_schedules"`
	// DirectoryRoleEligibilities are PIM's eligible assignment instances.
	// Entra ID P2.
	DirectoryRoleEligibilities []AzureRoleSchedule `json:"directory_role_eligibilities"`
	// RoleManagementPolicies are the PIM settings of each directory role
	// (activation duration, approval). Entra ID P2.
	RoleManagementPolicies []AzureRoleManagementPolicy `json:"role_management_policies"`

	SecurityDefaults *AzureSecurityDefaults `json:"security_defaults"`
	// ConditionalAccessPolicies needs Entra ID P1.
	ConditionalAccessPolicies []AzureConditionalAccessPolicy `json:"conditional_access_policies"`

	Applications      []AzureApplication      `json:"applications"`
	ServicePrincipals []AzureServicePrincipal `json:"service_principals"`

	Subscriptions []AzureSubscription `json:"subscriptions"`
}

// AzureLicences tells which licences that gate identity data the tenant
// has, from its subscribed SKUs' service plans (AAD_PREMIUM for Entra ID
// P1, AAD_PREMIUM_P2 for P2). P2 includes P1.
type AzureLicences struct {
	EntraIDP1 bool `json:"entra_id_p1"`
	EntraIDP2 bool `json:"entra_id_p2"`
	// SKUs are the subscribed SKU part numbers, for the reader.
	SKUs []string `json:"skus"`
}

// AzureUser is an Entra ID user with its sign-in activity and MFA
// registration.
type AzureUser struct {
	ID                string     `json:"id"`
	UserPrincipalName string     `json:"user_principal_name"`
	DisplayName       string     `json:"display_name,omitempty"`
	UserType          string     `json:"user_type"`
	AccountEnabled    bool       `json:"account_enabled"`
	Created           *time.Time `json:"created"`
	// SignInActivity is nil when it was not collected (Entra ID P1); the
	// reason is in the snapshot's errors.
	SignInActivity *AzureSignInActivity `json:"sign_in_activity"`
	// MFA is nil when registration details were not collected (Entra ID
	// P1), or when the user has no row in them.
	MFA *AzureMFARegistration `json:"mfa"`
}

// AzureSignInActivity is a user's signInActivity; a nil time means never
// (or before Entra ID started recording, April 2020).
type AzureSignInActivity struct {
	LastSignIn               *time.Time `json:"last_sign_in"`
	LastNonInteractiveSignIn *time.Time `json:"last_non_interactive_sign_in"`
	LastSuccessfulSignIn     *time.Time `json:"last_successful_sign_in"`
}

// AzureMFARegistration is a user's row of the userRegistrationDetails
// report.
type AzureMFARegistration struct {
	IsMFARegistered bool     `json:"is_mfa_registered"`
	IsMFACapable    bool     `json:"is_mfa_capable"`
	Methods         []string `json:"methods"`
	IsAdmin         bool     `json:"is_admin"`
}

// AzureGroup is a group that can hold roles, with who is in it.
type AzureGroup struct {
	ID                 string `json:"id"`
	DisplayName        string `json:"display_name,omitempty"`
	IsAssignableToRole bool   `json:"is_assignable_to_role"`
	// Members are the transitive members; nil when not collected.
	Members []AzurePrincipalRef `json:"members"`
	// EligibleMembers are PIM for Groups eligibilities (member or owner);
	// nil when not collected (Entra ID P2).
	EligibleMembers []AzureGroupEligibility `json:"eligible_members"`
}

// AzurePrincipalRef names a directory object and its type ("user",
// "group", "servicePrincipal", ...).
type AzurePrincipalRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// AzureGroupEligibility is one PIM for Groups eligibility.
type AzureGroupEligibility struct {
	PrincipalID string     `json:"principal_id"`
	AccessID    string     `json:"access_id"`
	Start       *time.Time `json:"start"`
	End         *time.Time `json:"end"`
}

// AzureDirectoryRoleDefinition is an Entra ID role definition.
type AzureDirectoryRoleDefinition struct {
	ID          string `json:"id"`
	TemplateID  string `json:"template_id"`
	DisplayName string `json:"display_name"`
	IsBuiltIn   bool   `json:"is_built_in"`
}

// AzureRoleAssignment is an active role assignment: a directory role
// assignment (scope = directory scope ID, "/" for the tenant) or an Azure
// RBAC role assignment (scope = ARM scope).
type AzureRoleAssignment struct {
	ID               string `json:"id"`
	PrincipalID      string `json:"principal_id"`
	PrincipalType    string `json:"principal_type"`
	RoleDefinitionID string `json:"role_definition_id"`
	RoleName         string `json:"role_name,omitempty"`
	Scope            string `json:"scope"`
	Condition        string `json:"condition,omitempty"`
}

// AzureRoleSchedule is a PIM schedule instance, active or eligible.
// AssignmentType is "Assigned" or "Activated" for active instances;
// MemberType is "Direct", "Group" or "Inherited". A nil End is permanent.
type AzureRoleSchedule struct {
	ID               string     `json:"id"`
	PrincipalID      string     `json:"principal_id"`
	PrincipalType    string     `json:"principal_type,omitempty"`
	RoleDefinitionID string     `json:"role_definition_id"`
	Scope            string     `json:"scope"`
	AssignmentType   string     `json:"assignment_type,omitempty"`
	MemberType       string     `json:"member_type,omitempty"`
	Start            *time.Time `json:"start"`
	End              *time.Time `json:"end"`
}

// AzureRoleManagementPolicy is the PIM setting of one directory role.
type AzureRoleManagementPolicy struct {
	PolicyID         string `json:"policy_id"`
	RoleDefinitionID string `json:"role_definition_id"`
	// MaxActivationDuration is the ISO 8601 duration of the
	// Expiration_EndUser_Assignment rule ("PT8H"); MaxActivationMinutes is
	// it in minutes, nil when absent or unparseable.
	MaxActivationDuration string `json:"max_activation_duration,omitempty"`
	MaxActivationMinutes  *int   `json:"max_activation_minutes"`
	// ApprovalRequired is Approval_EndUser_Assignment's isApprovalRequired;
	// nil when the rule is absent.
	ApprovalRequired *bool `json:"approval_required"`
}

// AzureSecurityDefaults is the tenant's security defaults policy.
type AzureSecurityDefaults struct {
	Enabled bool `json:"enabled"`
}

// AzureConditionalAccessPolicy keeps what MFA enforcement depends on.
type AzureConditionalAccessPolicy struct {
	ID                  string   `json:"id"`
	DisplayName         string   `json:"display_name"`
	State               string   `json:"state"`
	IncludeUsers        []string `json:"include_users"`
	ExcludeUsers        []string `json:"exclude_users"`
	IncludeGroups       []string `json:"include_groups"`
	ExcludeGroups       []string `json:"exclude_groups"`
	IncludeRoles        []string `json:"include_roles"`
	ExcludeRoles        []string `json:"exclude_roles"`
	IncludeApplications []string `json:"include_applications"`
	ExcludeApplications []string `json:"exclude_applications"`
	ClientAppTypes      []string `json:"client_app_types"`
	// GrantOperator is "OR" or "AND"; BuiltInControls holds "mfa",
	// "block", ...; AuthenticationStrength is the ID of a required
	// authentication strength, which also demands MFA.
	GrantOperator          string   `json:"grant_operator,omitempty"`
	BuiltInControls        []string `json:"built_in_controls"`
	AuthenticationStrength string   `json:"authentication_strength,omitempty"`
}

// AzureCredential is a password (client secret) or key (certificate)
// credential of an application or service principal. No secret material
// is ever requested: Graph returns only a hint of a secret, which is not
// kept.
type AzureCredential struct {
	KeyID       string     `json:"key_id"`
	DisplayName string     `json:"display_name,omitempty"`
	Type        string     `json:"type,omitempty"`
	Start       *time.Time `json:"start"`
	End         *time.Time `json:"end"`
}

// AzureFederatedCredential is a workload identity federation credential.
type AzureFederatedCredential struct {
	Name    string `json:"name"`
	Issuer  string `json:"issuer"`
	Subject string `json:"subject"`
}

// AzureApplication is an app registration.
type AzureApplication struct {
	ID                  string            `json:"id"`
	AppID               string            `json:"app_id"`
	DisplayName         string            `json:"display_name"`
	PasswordCredentials []AzureCredential `json:"password_credentials"`
	KeyCredentials      []AzureCredential `json:"key_credentials"`
	// FederatedCredentials are collected only for applications whose
	// service principal holds a privileged role; nil otherwise.
	FederatedCredentials []AzureFederatedCredential `json:"federated_credentials"`
}

// AzureServicePrincipal is an enterprise application or managed identity.
type AzureServicePrincipal struct {
	ID                     string            `json:"id"`
	AppID                  string            `json:"app_id"`
	DisplayName            string            `json:"display_name"`
	ServicePrincipalType   string            `json:"service_principal_type"`
	AppOwnerOrganizationID string            `json:"app_owner_organization_id,omitempty"`
	AccountEnabled         bool              `json:"account_enabled"`
	PasswordCredentials    []AzureCredential `json:"password_credentials"`
	KeyCredentials         []AzureCredential `json:"key_credentials"`
}

// AzureSubscription is everything collected from one subscription. A nil
// slice means "not collected" (AccessDenied, ...): the reason is in
// Snapshot.Errors under account = subscription ID.
type AzureSubscription struct {
	SubscriptionID string `json:"subscription_id"`
	DisplayName    string `json:"display_name,omitempty"`
	State          string `json:"state,omitempty"`

	RoleAssignments []AzureRoleAssignment `json:"role_assignments"`
	// CustomRoles are the custom role definitions assignable in the
	// subscription; built-in roles are known by their fixed IDs.
	CustomRoles []AzureRoleDefinition `json:"custom_roles"`
	// RoleAssignmentSchedules and RoleEligibilities are PIM for Azure
	// resources, at the subscription and below.
	RoleAssignmentSchedules []AzureRoleSchedule `json:"role_assignment_schedules"`
	RoleEligibilities       []AzureRoleSchedule `json:"role_eligibilities"`

	DiagnosticSettings []AzureDiagnosticSetting `json:"diagnostic_settings"`
	ActivityLogAlerts  []AzureActivityLogAlert  `json:"activity_log_alerts"`
	DefenderPricings   []AzureDefenderPricing   `json:"defender_pricings"`
	// LighthouseAssignments are the Azure Lighthouse delegations of the
	// subscription, each with its registration definition.
	LighthouseAssignments []AzureLighthouseAssignment `json:"lighthouse_assignments"`
}

// AzureRoleDefinition is an Azure RBAC role definition.
type AzureRoleDefinition struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	RoleName         string   `json:"role_name"`
	Type             string   `json:"type"`
	Actions          []string `json:"actions"`
	NotActions       []string `json:"not_actions"`
	DataActions      []string `json:"data_actions"`
	AssignableScopes []string `json:"assignable_scopes"`
}

// AzureDiagnosticSetting is a subscription activity log diagnostic setting.
type AzureDiagnosticSetting struct {
	ID               string                    `json:"id"`
	Name             string                    `json:"name"`
	WorkspaceID      string                    `json:"workspace_id,omitempty"`
	StorageAccountID string                    `json:"storage_account_id,omitempty"`
	EventHubRuleID   string                    `json:"event_hub_authorization_rule_id,omitempty"`
	Categories       []AzureDiagnosticCategory `json:"categories"`
}

// AzureDiagnosticCategory is one log category of a diagnostic setting.
type AzureDiagnosticCategory struct {
	Category string `json:"category"`
	Enabled  bool   `json:"enabled"`
}

// AzureActivityLogAlert is an activity log alert rule with its conditions.
type AzureActivityLogAlert struct {
	ID         string                      `json:"id"`
	Name       string                      `json:"name"`
	Enabled    bool                        `json:"enabled"`
	Scopes     []string                    `json:"scopes"`
	Conditions []AzureActivityLogCondition `json:"conditions"`
	// ActionGroups are the action groups notified.
	ActionGroups []string `json:"action_groups"`
}

// AzureActivityLogCondition is one leaf condition ("field equals value");
// AnyOf conditions are flattened into AnyOf.
type AzureActivityLogCondition struct {
	Field  string                      `json:"field,omitempty"`
	Equals string                      `json:"equals,omitempty"`
	AnyOf  []AzureActivityLogCondition `json:"any_of,omitempty"`
}

// AzureDefenderPricing is one Defender for Cloud plan of a subscription.
type AzureDefenderPricing struct {
	Name        string `json:"name"`
	PricingTier string `json:"pricing_tier"`
	SubPlan     string `json:"sub_plan,omitempty"`
}

// AzureLighthouseAssignment is a registration assignment and the
// registration definition it delegates.
type AzureLighthouseAssignment struct {
	ID                       string                 `json:"id"`
	Scope                    string                 `json:"scope"`
	RegistrationDefinitionID string                 `json:"registration_definition_id"`
	DefinitionName           string                 `json:"definition_name,omitempty"`
	ManagedByTenantID        string                 `json:"managed_by_tenant_id"`
	ManagedByTenantName      string                 `json:"managed_by_tenant_name,omitempty"`
	Authorizations           []AzureLighthouseGrant `json:"authorizations"`
	EligibleAuthorizations   []AzureLighthouseGrant `json:"eligible_authorizations"`
	ProvisioningState        string                 `json:"provisioning_state,omitempty"`
}

// AzureLighthouseGrant is one role a managing tenant's principal holds
// through a delegation.
type AzureLighthouseGrant struct {
	PrincipalID          string `json:"principal_id"`
	PrincipalDisplayName string `json:"principal_display_name,omitempty"`
	RoleDefinitionID     string `json:"role_definition_id"`
}
