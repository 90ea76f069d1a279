package snapshot

import (
	"encoding/json"
	"time"
)

// The Cloud Asset Inventory content types a GCP snapshot may hold. A
// snapshot built from a resource-only export lacks IAM policies: the
// controls that need them are ERROR, never PASS.
const (
	GCPContentResource  = "RESOURCE"
	GCPContentIAMPolicy = "IAM_POLICY"
	GCPContentOrgPolicy = "ORG_POLICY"
)

// The service names of GCP collection errors. An error with Service
// GCPServiceAsset and Operation a content type (GCPContentIAMPolicy, ...)
// says that content is missing for its account; Operation "*" that nothing
// could be read there.
const (
	GCPServiceAsset    = "cloudasset"
	GCPServiceActivity = "policyanalyzer"
	// GCPOperationActivity is the Policy Analyzer activity query that says
	// when service accounts and their keys last authenticated.
	GCPOperationActivity = "serviceAccountLastAuthentication"
)

// GCP is the GCP section of a snapshot: the resource hierarchy with the IAM
// and organization policies set at each level, kept per level so that
// policies decide inheritance themselves, and the identity resources below
// the projects. A nil slice or pointer means "not collected": the reason is
// in Snapshot.Errors.
type GCP struct {
	// Content lists the CAI content types the snapshot holds
	// (GCPContentResource, ...), sorted.
	Content       []string       `json:"content"`
	Organizations []GCPContainer `json:"organizations"`
	Folders       []GCPContainer `json:"folders"`
	Projects      []GCPContainer `json:"projects"`
	// ResourceIAMPolicies are IAM policies set on resources below the
	// projects (buckets, datasets, service accounts, ...).
	ResourceIAMPolicies []GCPResourceIAMPolicy `json:"resource_iam_policies"`
	ServiceAccounts     []GCPServiceAccount    `json:"service_accounts"`
	// ServiceAccountKeys are listed on their own: an export may carry keys
	// of a service account it does not describe.
	ServiceAccountKeys        []GCPServiceAccountKey `json:"service_account_keys"`
	LogSinks                  []GCPLogSink           `json:"log_sinks"`
	WorkloadIdentityProviders []GCPWIFProvider       `json:"workload_identity_providers"`
	Instances                 []GCPInstance          `json:"instances"`
}

// GCPContainer is an organization, folder or project: a level of the
// resource hierarchy that IAM and organization policies are set on.
type GCPContainer struct {
	// Name is the CAI full resource name, e.g.
	// //cloudresourcemanager.googleapis.com/projects/123456789012.
	Name string `json:"name"`
	// Type is "organization", "folder" or "project".
	Type string `json:"type"`
	// Account is the scope results about this level carry: the project ID
	// (its number when the ID is unknown), "folders/N" or
	// "organizations/N".
	Account string `json:"account"`
	// ID is the organization or folder number, or the project ID.
	ID string `json:"id"`
	// Number is a project's number ("" when unknown or not a project).
	Number      string `json:"number,omitempty"`
	DisplayName string `json:"display_name,omitempty"`
	// Parent is the full resource name of the level above ("" at the top
	// or when unknown).
	Parent string `json:"parent,omitempty"`
	// Ancestors are the full resource names of every level above, the
	// nearest first. Nil when the hierarchy above is unknown (e.g. an
	// IAM-only export): inheritance cannot then be decided.
	Ancestors      []string `json:"ancestors"`
	LifecycleState string   `json:"lifecycle_state,omitempty"`
	// IAMPolicy is the policy set at this level; nil when not collected,
	// an empty policy when collected and empty.
	IAMPolicy *GCPIAMPolicy `json:"iam_policy"`
	// OrgPolicies are the organization policies set at this level (not the
	// effective ones); nil when not collected.
	OrgPolicies []GCPOrgPolicy `json:"org_policies"`
}

// GCPIAMPolicy is an IAM allow policy.
type GCPIAMPolicy struct {
	Bindings     []GCPBinding     `json:"bindings"`
	AuditConfigs []GCPAuditConfig `json:"audit_configs"`
}

// GCPBinding grants a role to members, under a condition when one is set.
type GCPBinding struct {
	Role      string        `json:"role"`
	Members   []string      `json:"members"`
	Condition *GCPCondition `json:"condition,omitempty"`
}

// GCPCondition is an IAM condition (a CEL expression).
type GCPCondition struct {
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	Expression  string `json:"expression"`
}

// GCPAuditConfig turns on audit logs of a service ("allServices" for all).
type GCPAuditConfig struct {
	Service    string              `json:"service"`
	LogConfigs []GCPAuditLogConfig `json:"audit_log_configs"`
}

// GCPAuditLogConfig is one log type of an audit config. LogType is the
// enum's name: ADMIN_READ, DATA_WRITE, DATA_READ.
type GCPAuditLogConfig struct {
	LogType         string   `json:"log_type"`
	ExemptedMembers []string `json:"exempted_members"`
}

// GCPOrgPolicy is an organization policy set at one level, normalised from
// the v1 form (CAI's ORG_POLICY content) or the v2 form
// (orgpolicy.googleapis.com/Policy resources, which the managed iam.managed.*
// constraints use).
type GCPOrgPolicy struct {
	// Constraint is the constraint's name without "constraints/", e.g.
	// "iam.allowedPolicyMemberDomains".
	Constraint string `json:"constraint"`
	// Version is "v1" or "v2": where the policy was read from.
	Version string `json:"version"`
	// Enforced is a boolean constraint's value (v1 boolean_policy, v2
	// unconditional rule's enforce); nil when the policy sets none.
	Enforced *bool `json:"enforced"`
	// AllValues is "ALLOW" or "DENY" when a list policy allows or denies
	// every value, "" otherwise.
	AllValues     string   `json:"all_values"`
	AllowedValues []string `json:"allowed_values"`
	DeniedValues  []string `json:"denied_values"`
	// InheritFromParent merges a list policy with its parent's effective
	// policy instead of replacing it.
	InheritFromParent bool `json:"inherit_from_parent"`
	// RestoreDefault (v1 restore_default, v2 reset) puts the constraint
	// back to Google's default at this level.
	RestoreDefault bool `json:"restore_default"`
	// Conditional is true when some v2 rule has a condition: such a rule
	// holds only for the resources its condition selects, so it is not
	// counted as enforcement.
	Conditional bool `json:"conditional"`
	// Parameters are a managed constraint's parameters (v2 unconditional
	// rule), e.g. allowedMemberSubjects; nil when none.
	Parameters json.RawMessage `json:"parameters"`
}

// GCPResourceIAMPolicy is an IAM policy on a resource below a project.
type GCPResourceIAMPolicy struct {
	// Name is the CAI full resource name of the resource.
	Name      string `json:"name"`
	AssetType string `json:"asset_type"`
	// Account is the project the resource belongs to, when known.
	Account  string       `json:"account"`
	Bindings []GCPBinding `json:"bindings"`
}

// GCPServiceAccount is an IAM service account with its activity, when the
// Policy Analyzer activity data was collected.
type GCPServiceAccount struct {
	// Name is the CAI full resource name
	// (//iam.googleapis.com/projects/P/serviceAccounts/ID).
	Name        string `json:"name"`
	Account     string `json:"account"`
	Email       string `json:"email"`
	UniqueID    string `json:"unique_id,omitempty"`
	DisplayName string `json:"display_name,omitempty"`
	Disabled    bool   `json:"disabled"`
	// Default is "compute" for a project's default Compute Engine account,
	// "appengine" for its App Engine account, "" otherwise.
	Default string `json:"default,omitempty"`
	// Activity is when the account last authenticated; nil when activity
	// data was not collected (see Snapshot.Errors).
	Activity *GCPActivity `json:"activity"`
}

// GCPActivity is Policy Analyzer's last-authentication record. A nil
// LastAuthenticated means no authentication within the observation
// period that began at ObservedSince.
type GCPActivity struct {
	LastAuthenticated *time.Time `json:"last_authenticated"`
	ObservedSince     *time.Time `json:"observed_since,omitempty"`
}

// GCPServiceAccountKey is a key of a service account.
type GCPServiceAccountKey struct {
	// Name is the CAI full resource name
	// (//iam.googleapis.com/projects/P/serviceAccounts/SA/keys/K).
	Name    string `json:"name"`
	Account string `json:"account"`
	// ServiceAccount is the email or unique ID of the key's account, as
	// its name gives it.
	ServiceAccount string `json:"service_account"`
	// KeyType is USER_MANAGED or SYSTEM_MANAGED; "" when the source did
	// not say.
	KeyType     string     `json:"key_type"`
	ValidAfter  *time.Time `json:"valid_after"`
	ValidBefore *time.Time `json:"valid_before"`
	Disabled    bool       `json:"disabled"`
	// Activity is when the key last authenticated; nil when not collected.
	Activity *GCPActivity `json:"activity"`
}

// GCPLogSink is a log sink of an organization, folder or project.
type GCPLogSink struct {
	Name string `json:"name"`
	// Parent is the full resource name of the level the sink belongs to.
	Parent          string `json:"parent"`
	Account         string `json:"account"`
	Filter          string `json:"filter"`
	Destination     string `json:"destination"`
	IncludeChildren bool   `json:"include_children"`
	Disabled        bool   `json:"disabled"`
}

// GCPWIFProvider is a workload identity pool provider: the external issuer
// whose tokens can be exchanged for Google credentials, and the condition
// that limits which of its workloads may.
type GCPWIFProvider struct {
	Name    string `json:"name"`
	Account string `json:"account"`
	// Kind is "oidc", "aws", "saml" or "x509".
	Kind               string            `json:"kind"`
	IssuerURI          string            `json:"issuer_uri,omitempty"`
	AllowedAudiences   []string          `json:"allowed_audiences"`
	AttributeCondition string            `json:"attribute_condition"`
	AttributeMapping   map[string]string `json:"attribute_mapping"`
	State              string            `json:"state,omitempty"`
	Disabled           bool              `json:"disabled"`
}

// GCPInstance is a Compute Engine instance with the service accounts it
// runs as and their OAuth scopes.
type GCPInstance struct {
	Name            string                  `json:"name"`
	Account         string                  `json:"account"`
	Status          string                  `json:"status,omitempty"`
	ServiceAccounts []GCPInstanceServiceAcc `json:"service_accounts"`
}

// GCPInstanceServiceAcc is a service account attached to an instance.
type GCPInstanceServiceAcc struct {
	// Email is the account's address; "" when only Default is known.
	Email  string   `json:"email"`
	Scopes []string `json:"scopes"`
	// Default is "compute" when the account is the project's default
	// Compute Engine account (see GCPDefaultServiceAccount). A Terraform
	// plan that leaves the email to the provider knows that much but not
	// the address, which holds the project number.
	Default string `json:"default,omitempty"`
}
