package snapshot

import (
	"encoding/json"
	"time"
)

// AWS is the AWS section of a snapshot: one entry per collected account and,
// when collected from a management account, the organization.
type AWS struct {
	Accounts     []AWSAccount     `json:"accounts"`
	Organization *AWSOrganization `json:"organization,omitempty"`
}

// AWSAccount is everything collected from one AWS account. A nil pointer or
// nil slice means "not collected": the reason is in Snapshot.Errors.
type AWSAccount struct {
	AccountID string `json:"account_id"`
	Name      string `json:"name,omitempty"`
	Partition string `json:"partition"`

	Root           *RootUser       `json:"root"`
	Users          []IAMUser       `json:"users"`
	Groups         []IAMGroup      `json:"groups"`
	Roles          []IAMRole       `json:"roles"`
	Policies       []ManagedPolicy `json:"policies"`
	PasswordPolicy *PasswordPolicy `json:"password_policy"`
	// AccountSummary is GetAccountSummary's map (AccountMFAEnabled,
	// AccountAccessKeysPresent, Users, ...).
	AccountSummary map[string]int `json:"account_summary,omitempty"`
	SAMLProviders  []SAMLProvider `json:"saml_providers"`
	OIDCProviders  []OIDCProvider `json:"oidc_providers"`

	Trails              []Trail            `json:"trails"`
	Budgets             []Budget           `json:"budgets"`
	S3PublicAccessBlock *PublicAccessBlock `json:"s3_public_access_block"`
	Regions             []AWSRegion        `json:"regions"`
}

// RootUser is the account's root user as the credential report and
// GetAccountSummary describe it.
type RootUser struct {
	ARN              string      `json:"arn"`
	Created          *time.Time  `json:"created"`
	PasswordEnabled  *bool       `json:"password_enabled"`
	PasswordLastUsed *time.Time  `json:"password_last_used"`
	MFAActive        bool        `json:"mfa_active"`
	MFADevices       []MFADevice `json:"mfa_devices"`
	// AccessKeys is nil when only the account summary was available; then
	// ActiveAccessKeys still counts them.
	AccessKeys       []AccessKey `json:"access_keys"`
	ActiveAccessKeys int         `json:"active_access_keys"`
}

// MFADevice is an MFA device assigned to a user. Type is "virtual" for
// devices listed by ListVirtualMFADevices and "hardware" for the others
// (hardware TOTP tokens and FIDO security keys).
type MFADevice struct {
	Serial string `json:"serial,omitempty"`
	Type   string `json:"type"`
}

// AccessKey is one access key slot of the credential report. The key ID is
// not in the report and is deliberately not fetched per user.
type AccessKey struct {
	Slot           int        `json:"slot"`
	Active         bool       `json:"active"`
	Created        *time.Time `json:"created"`
	LastUsed       *time.Time `json:"last_used"`
	LastUsedRegion string     `json:"last_used_region,omitempty"`
	LastUsedSvc    string     `json:"last_used_service,omitempty"`
}

// IAMUser merges a user's authorization details with its credential report
// row.
type IAMUser struct {
	Name                string            `json:"name"`
	ARN                 string            `json:"arn"`
	ID                  string            `json:"id"`
	Path                string            `json:"path"`
	Created             *time.Time        `json:"created"`
	PasswordEnabled     bool              `json:"password_enabled"`
	PasswordLastUsed    *time.Time        `json:"password_last_used"`
	PasswordLastChanged *time.Time        `json:"password_last_changed"`
	MFAActive           bool              `json:"mfa_active"`
	MFADevices          []MFADevice       `json:"mfa_devices"`
	AccessKeys          []AccessKey       `json:"access_keys"`
	Groups              []string          `json:"groups"`
	AttachedPolicies    []AttachedPolicy  `json:"attached_policies"`
	InlinePolicies      []InlinePolicy    `json:"inline_policies"`
	PermissionsBoundary string            `json:"permissions_boundary,omitempty"`
	Tags                map[string]string `json:"tags,omitempty"`
	// CredentialReport is false when the user is absent from the
	// credential report, so password, MFA and key fields are unknown.
	CredentialReport bool `json:"credential_report"`
	// OutsidePlan is true for a principal a Terraform plan grants to
	// without managing it, or manages without creating it (a user or
	// group that exists already: policies attached outside Terraform are
	// not in the plan) (snapshot.CodeOutsidePlan): only the plan's grants
	// are listed, its other policies, groups and permissions boundary
	// are unknown.
	OutsidePlan bool `json:"outside_plan,omitempty"`
}

// OutsideThePlan says what a Terraform plan leaves unknown of a user,
// group or role (kind) it shows only in part (OutsidePlan).
func OutsideThePlan(kind string) string {
	switch kind {
	case "group":
		return "its other policies"
	case "role":
		return "its other policies, permissions boundary and trust policy"
	}
	return "its other policies, groups and permissions boundary"
}

// IAMGroup is a group with its policies.
type IAMGroup struct {
	Name             string           `json:"name"`
	ARN              string           `json:"arn"`
	ID               string           `json:"id"`
	Path             string           `json:"path"`
	Created          *time.Time       `json:"created"`
	AttachedPolicies []AttachedPolicy `json:"attached_policies"`
	InlinePolicies   []InlinePolicy   `json:"inline_policies"`
	// OutsidePlan is true for a principal a Terraform plan grants to
	// without managing it, or manages without creating it (a user or
	// group that exists already: policies attached outside Terraform are
	// not in the plan) (snapshot.CodeOutsidePlan): only the plan's grants
	// are listed, its other policies, groups and permissions boundary
	// are unknown.
	OutsidePlan bool `json:"outside_plan,omitempty"`
}

// IAMRole is a role with its parsed trust policy and last use.
type IAMRole struct {
	Name    string     `json:"name"`
	ARN     string     `json:"arn"`
	ID      string     `json:"id"`
	Path    string     `json:"path"`
	Created *time.Time `json:"created"`
	// ServiceLinked is true for roles under /aws-service-role/; they are
	// managed by AWS and never reported as unused.
	ServiceLinked bool `json:"service_linked"`
	// TrustPolicy is the parsed assume-role policy document; when it does
	// not parse it is null and TrustPolicyRaw/TrustPolicyError say why.
	TrustPolicy         json.RawMessage   `json:"trust_policy"`
	TrustPolicyRaw      string            `json:"trust_policy_raw,omitempty"`
	TrustPolicyError    string            `json:"trust_policy_error,omitempty"`
	LastUsed            *RoleLastUsed     `json:"last_used"`
	MaxSessionDuration  int               `json:"max_session_duration,omitempty"`
	AttachedPolicies    []AttachedPolicy  `json:"attached_policies"`
	InlinePolicies      []InlinePolicy    `json:"inline_policies"`
	PermissionsBoundary string            `json:"permissions_boundary,omitempty"`
	Tags                map[string]string `json:"tags,omitempty"`
	// InstanceProfiles are the ARNs of the instance profiles holding the
	// role (authorization details list them with the role): an EC2
	// instance can run as the role only through one. Nil when not
	// collected.
	InstanceProfiles []string `json:"instance_profiles"`
	// OutsidePlan is true for a principal a Terraform plan grants to
	// without managing it, or manages without creating it (a user or
	// group that exists already: policies attached outside Terraform are
	// not in the plan) (snapshot.CodeOutsidePlan): only the plan's grants
	// are listed, its other policies, groups and permissions boundary
	// are unknown.
	OutsidePlan bool `json:"outside_plan,omitempty"`
}

// RoleLastUsed is IAM's RoleLastUsed; a nil Date means never used within
// IAM's tracking period.
type RoleLastUsed struct {
	Date   *time.Time `json:"date"`
	Region string     `json:"region,omitempty"`
}

// AttachedPolicy names a managed policy attached to a principal.
type AttachedPolicy struct {
	Name string `json:"name"`
	ARN  string `json:"arn"`
}

// InlinePolicy is an embedded policy with its parsed document. A document
// that does not parse is kept raw, never dropped.
type InlinePolicy struct {
	Name          string          `json:"name"`
	Document      json.RawMessage `json:"document"`
	DocumentRaw   string          `json:"document_raw,omitempty"`
	DocumentError string          `json:"document_error,omitempty"`
}

// ManagedPolicy is an AWS- or customer-managed policy with its default
// version's document.
type ManagedPolicy struct {
	Name            string          `json:"name"`
	ARN             string          `json:"arn"`
	ID              string          `json:"id"`
	Path            string          `json:"path"`
	AWSManaged      bool            `json:"aws_managed"`
	DefaultVersion  string          `json:"default_version"`
	AttachmentCount int             `json:"attachment_count"`
	Created         *time.Time      `json:"created"`
	Updated         *time.Time      `json:"updated"`
	Document        json.RawMessage `json:"document"`
	DocumentRaw     string          `json:"document_raw,omitempty"`
	DocumentError   string          `json:"document_error,omitempty"`
	// HoldersOutsidePlan is true for a policy a Terraform plan manages
	// but does not create: it may be attached to principals the plan
	// does not show.
	HoldersOutsidePlan bool `json:"holders_outside_plan,omitempty"`
}

// PasswordPolicy is the account password policy. A nil pointer on the
// account means the account has none (IAM's NoSuchEntity).
type PasswordPolicy struct {
	MinimumLength              int  `json:"minimum_length"`
	RequireSymbols             bool `json:"require_symbols"`
	RequireNumbers             bool `json:"require_numbers"`
	RequireUppercase           bool `json:"require_uppercase"`
	RequireLowercase           bool `json:"require_lowercase"`
	AllowUsersToChangePassword bool `json:"allow_users_to_change_password"`
	MaxPasswordAge             int  `json:"max_password_age"`
	PasswordReusePrevention    int  `json:"password_reuse_prevention"`
	HardExpiry                 bool `json:"hard_expiry"`
	// Resource is where the policy is declared, when that is not the
	// account itself: the Terraform address of the
	// aws_iam_account_password_policy block of a plan, so results and
	// SARIF point at the block to fix. Empty for a live account, whose
	// results name the account.
	Resource string `json:"resource,omitempty"`
}

// SAMLProvider is an IAM SAML identity provider.
type SAMLProvider struct {
	ARN        string     `json:"arn"`
	Created    *time.Time `json:"created"`
	ValidUntil *time.Time `json:"valid_until"`
}

// OIDCProvider is an IAM OpenID Connect identity provider.
type OIDCProvider struct {
	ARN       string     `json:"arn"`
	URL       string     `json:"url"`
	ClientIDs []string   `json:"client_ids"`
	Created   *time.Time `json:"created"`
}

// Trail is a CloudTrail trail, listed once at account level (shadow copies
// in other regions are merged) with its status and event selectors.
type Trail struct {
	Name                   string `json:"name"`
	ARN                    string `json:"arn"`
	HomeRegion             string `json:"home_region"`
	MultiRegion            bool   `json:"multi_region"`
	OrganizationTrail      bool   `json:"organization_trail"`
	IncludeGlobalEvents    bool   `json:"include_global_service_events"`
	LogFileValidation      bool   `json:"log_file_validation"`
	KMSKeyID               string `json:"kms_key_id,omitempty"`
	S3Bucket               string `json:"s3_bucket,omitempty"`
	CloudWatchLogsGroupARN string `json:"cloudwatch_logs_log_group_arn,omitempty"`
	// IsLogging is nil when GetTrailStatus failed.
	IsLogging *bool `json:"is_logging"`
	// EventSelectors and AdvancedEventSelectors are GetEventSelectors'
	// answer as returned; nil when not collected.
	EventSelectors         json.RawMessage `json:"event_selectors"`
	AdvancedEventSelectors json.RawMessage `json:"advanced_event_selectors"`
}

// Budget is an AWS Budgets budget.
type Budget struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	LimitAmount string `json:"limit_amount,omitempty"`
	LimitUnit   string `json:"limit_unit,omitempty"`
}

// PublicAccessBlock is S3 Control's account-level Block Public Access. A nil
// pointer on the account means none is configured.
type PublicAccessBlock struct {
	BlockPublicACLs       bool `json:"block_public_acls"`
	IgnorePublicACLs      bool `json:"ignore_public_acls"`
	BlockPublicPolicy     bool `json:"block_public_policy"`
	RestrictPublicBuckets bool `json:"restrict_public_buckets"`
}

// AWSRegion holds the regional services of one enabled region. A nil slice
// or pointer means the call failed; the reason is in Snapshot.Errors.
type AWSRegion struct {
	Name               string              `json:"name"`
	GuardDutyDetectors []GuardDutyDetector `json:"guardduty_detectors"`
	ConfigRecorders    []ConfigRecorder    `json:"config_recorders"`
	AccessAnalyzers    []AccessAnalyzer    `json:"access_analyzers"`
	SecurityHub        *SecurityHub        `json:"security_hub"`
	MetricFilters      []MetricFilter      `json:"metric_filters"`
	Alarms             []MetricAlarm       `json:"alarms"`
	Instances          []EC2Instance       `json:"instances"`
	// LambdaFunctions and Stacks are the compute that runs as a role:
	// whoever may change their code or template acts as that role. Nil
	// when not collected.
	LambdaFunctions []LambdaFunction      `json:"lambda_functions"`
	Stacks          []CloudFormationStack `json:"cloudformation_stacks"`
	// CodeBuildProjects are the build projects with the service role
	// their builds run as: whoever may start a build can override its
	// buildspec and run any command as that role. Nil when not collected.
	CodeBuildProjects []CodeBuildProject `json:"codebuild_projects"`
}

// CodeBuildProject keeps what identity analysis needs of a build project:
// the service role its builds run as.
type CodeBuildProject struct {
	Name        string `json:"name"`
	ARN         string `json:"arn"`
	ServiceRole string `json:"service_role"`
}

// LambdaFunction keeps what identity analysis needs of a function: the
// role it runs as.
type LambdaFunction struct {
	Name string `json:"name"`
	ARN  string `json:"arn"`
	Role string `json:"role"`
}

// CloudFormationStack keeps what identity analysis needs of a stack: the
// service role CloudFormation uses to change it (empty when the stack
// acts with its caller's permissions).
type CloudFormationStack struct {
	Name    string `json:"name"`
	ARN     string `json:"arn"`
	Status  string `json:"status"`
	RoleARN string `json:"role_arn,omitempty"`
}

// GuardDutyDetector is a GuardDuty detector and its status.
type GuardDutyDetector struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// ConfigRecorder is an AWS Config recorder with its recording status.
type ConfigRecorder struct {
	Name                       string `json:"name"`
	AllSupported               bool   `json:"all_supported"`
	IncludeGlobalResourceTypes bool   `json:"include_global_resource_types"`
	Recording                  bool   `json:"recording"`
	LastStatus                 string `json:"last_status,omitempty"`
}

// AccessAnalyzer is an IAM Access Analyzer analyzer.
type AccessAnalyzer struct {
	Name   string `json:"name"`
	ARN    string `json:"arn"`
	Type   string `json:"type"`
	Status string `json:"status"`
}

// SecurityHub tells whether Security Hub is enabled in a region.
type SecurityHub struct {
	Enabled      bool       `json:"enabled"`
	HubARN       string     `json:"hub_arn,omitempty"`
	SubscribedAt *time.Time `json:"subscribed_at,omitempty"`
}

// MetricFilter is a CloudWatch Logs metric filter.
type MetricFilter struct {
	Name                  string            `json:"name"`
	LogGroup              string            `json:"log_group"`
	Pattern               string            `json:"pattern"`
	MetricTransformations []MetricTransform `json:"metric_transformations"`
}

// MetricTransform is where a metric filter publishes.
type MetricTransform struct {
	MetricName      string `json:"metric_name"`
	MetricNamespace string `json:"metric_namespace"`
}

// MetricAlarm is a CloudWatch metric alarm.
type MetricAlarm struct {
	Name           string   `json:"name"`
	ARN            string   `json:"arn"`
	MetricName     string   `json:"metric_name"`
	Namespace      string   `json:"namespace"`
	ActionsEnabled bool     `json:"actions_enabled"`
	AlarmActions   []string `json:"alarm_actions"`
}

// EC2Instance keeps only what identity controls need of an instance: its
// state and instance metadata options.
type EC2Instance struct {
	ID                      string `json:"id"`
	ARN                     string `json:"arn"`
	State                   string `json:"state"`
	HTTPTokens              string `json:"http_tokens"`
	HTTPEndpoint            string `json:"http_endpoint"`
	HTTPPutResponseHopLimit int    `json:"http_put_response_hop_limit,omitempty"`
	InstanceProfileARN      string `json:"instance_profile_arn,omitempty"`
}

// AWSOrganization is AWS Organizations as seen from the management account.
type AWSOrganization struct {
	ID                string       `json:"id"`
	ARN               string       `json:"arn"`
	ManagementAccount string       `json:"management_account_id"`
	FeatureSet        string       `json:"feature_set"`
	Accounts          []OrgAccount `json:"accounts"`
	Policies          []OrgPolicy  `json:"policies"`
}

// OrgAccount is a member account of the organization.
type OrgAccount struct {
	ID     string `json:"id"`
	ARN    string `json:"arn"`
	Name   string `json:"name"`
	Status string `json:"status"`
	// Parents are the IDs of the root and the organizational units above
	// the account (ListParents, walked up to the root), so that a policy
	// attached to an OU can be resolved to the accounts it governs. Nil
	// when not collected.
	Parents []string `json:"parents"`
}

// OrgPolicy is a service control policy with its document and targets.
type OrgPolicy struct {
	ID            string          `json:"id"`
	ARN           string          `json:"arn"`
	Name          string          `json:"name"`
	Type          string          `json:"type"`
	AWSManaged    bool            `json:"aws_managed"`
	Document      json.RawMessage `json:"document"`
	DocumentRaw   string          `json:"document_raw,omitempty"`
	DocumentError string          `json:"document_error,omitempty"`
	Targets       []OrgTarget     `json:"targets"`
}

// OrgTarget is a root, OU or account an organization policy is attached to.
type OrgTarget struct {
	ID   string `json:"id"`
	ARN  string `json:"arn,omitempty"`
	Name string `json:"name,omitempty"`
	Type string `json:"type"`
}
