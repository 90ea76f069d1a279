package azure

import "time"

// The Graph resources as v1.0 returns them, reduced to the selected
// properties.

type gOrganization struct {
	ID              string `json:"id"`
	DisplayName     string `json:"displayName"`
	VerifiedDomains []struct {
		Name      string `json:"name"`
		IsDefault bool   `json:"isDefault"`
	} `json:"verifiedDomains"`
}

type gSKU struct {
	SKUPartNumber    string `json:"skuPartNumber"`
	CapabilityStatus string `json:"capabilityStatus"`
	ServicePlans     []struct {
		ServicePlanName    string `json:"servicePlanName"`
		ProvisioningStatus string `json:"provisioningStatus"`
	} `json:"servicePlans"`
}

type gUser struct {
	ID                string     `json:"id"`
	UserPrincipalName string     `json:"userPrincipalName"`
	DisplayName       string     `json:"displayName"`
	UserType          string     `json:"userType"`
	AccountEnabled    *bool      `json:"accountEnabled"`
	CreatedDateTime   *time.Time `json:"createdDateTime"`
	SignInActivity    *struct {
		LastSignInDateTime               *time.Time `json:"lastSignInDateTime"`
		LastNonInteractiveSignInDateTime *time.Time `json:"lastNonInteractiveSignInDateTime"`
		LastSuccessfulSignInDateTime     *time.Time `json:"lastSuccessfulSignInDateTime"`
	} `json:"signInActivity"`
}

type gRegistration struct {
	ID                string   `json:"id"`
	IsMfaRegistered   bool     `json:"isMfaRegistered"`
	IsMfaCapable      bool     `json:"isMfaCapable"`
	IsAdmin           bool     `json:"isAdmin"`
	MethodsRegistered []string `json:"methodsRegistered"`
}

type gRoleDefinition struct {
	ID          string `json:"id"`
	TemplateID  string `json:"templateId"`
	DisplayName string `json:"displayName"`
	IsBuiltIn   bool   `json:"isBuiltIn"`
}

type gRoleAssignment struct {
	ID               string `json:"id"`
	PrincipalID      string `json:"principalId"`
	RoleDefinitionID string `json:"roleDefinitionId"`
	DirectoryScopeID string `json:"directoryScopeId"`
}

type gScheduleInstance struct {
	ID               string     `json:"id"`
	PrincipalID      string     `json:"principalId"`
	RoleDefinitionID string     `json:"roleDefinitionId"`
	DirectoryScopeID string     `json:"directoryScopeId"`
	AssignmentType   string     `json:"assignmentType"`
	MemberType       string     `json:"memberType"`
	StartDateTime    *time.Time `json:"startDateTime"`
	EndDateTime      *time.Time `json:"endDateTime"`
}

type gPolicyAssignment struct {
	PolicyID         string `json:"policyId"`
	RoleDefinitionID string `json:"roleDefinitionId"`
	Policy           *struct {
		Rules []gPolicyRule `json:"rules"`
	} `json:"policy"`
}

type gPolicyRule struct {
	ODataType       string `json:"@odata.type"`
	ID              string `json:"id"`
	MaximumDuration string `json:"maximumDuration"`
	Setting         *struct {
		IsApprovalRequired *bool `json:"isApprovalRequired"`
	} `json:"setting"`
}

type gSecurityDefaults struct {
	IsEnabled bool `json:"isEnabled"`
}

type gCAPolicy struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	State       string `json:"state"`
	Conditions  struct {
		Users *struct {
			IncludeUsers  []string `json:"includeUsers"`
			ExcludeUsers  []string `json:"excludeUsers"`
			IncludeGroups []string `json:"includeGroups"`
			ExcludeGroups []string `json:"excludeGroups"`
			IncludeRoles  []string `json:"includeRoles"`
			ExcludeRoles  []string `json:"excludeRoles"`
		} `json:"users"`
		Applications *struct {
			IncludeApplications []string `json:"includeApplications"`
			ExcludeApplications []string `json:"excludeApplications"`
		} `json:"applications"`
		ClientAppTypes []string `json:"clientAppTypes"`
	} `json:"conditions"`
	GrantControls *struct {
		Operator               string   `json:"operator"`
		BuiltInControls        []string `json:"builtInControls"`
		AuthenticationStrength *struct {
			ID string `json:"id"`
		} `json:"authenticationStrength"`
	} `json:"grantControls"`
}

type gCredential struct {
	KeyID         string     `json:"keyId"`
	DisplayName   string     `json:"displayName"`
	Type          string     `json:"type"`
	StartDateTime *time.Time `json:"startDateTime"`
	EndDateTime   *time.Time `json:"endDateTime"`
}

type gApplication struct {
	ID                  string        `json:"id"`
	AppID               string        `json:"appId"`
	DisplayName         string        `json:"displayName"`
	PasswordCredentials []gCredential `json:"passwordCredentials"`
	KeyCredentials      []gCredential `json:"keyCredentials"`
}

type gServicePrincipal struct {
	ID                     string        `json:"id"`
	AppID                  string        `json:"appId"`
	DisplayName            string        `json:"displayName"`
	ServicePrincipalType   string        `json:"servicePrincipalType"`
	AppOwnerOrganizationID string        `json:"appOwnerOrganizationId"`
	AccountEnabled         *bool         `json:"accountEnabled"`
	PasswordCredentials    []gCredential `json:"passwordCredentials"`
	KeyCredentials         []gCredential `json:"keyCredentials"`
}

type gFederated struct {
	Name    string `json:"name"`
	Issuer  string `json:"issuer"`
	Subject string `json:"subject"`
}

type gGroup struct {
	ID                 string `json:"id"`
	DisplayName        string `json:"displayName"`
	IsAssignableToRole *bool  `json:"isAssignableToRole"`
}

type gDirectoryObject struct {
	ODataType string `json:"@odata.type"`
	ID        string `json:"id"`
}

type gGroupEligibility struct {
	PrincipalID   string     `json:"principalId"`
	AccessID      string     `json:"accessId"`
	StartDateTime *time.Time `json:"startDateTime"`
	EndDateTime   *time.Time `json:"endDateTime"`
}
