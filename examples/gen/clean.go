package main

import (
	"fmt"

	"github.com/rampart-sec/rampart/snapshot"
)

// Metric filter patterns of CIS AWS Foundations section 4 for the four
// alarms the catalogue asks for.
const (
	PatternRootUsage    = `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`
	PatternConsoleNoMFA = `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`
	PatternIAMChanges   = `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`
	PatternTrailChanges = `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`
	orgTrailLogGroup    = "arn:aws:logs:us-east-1:111111111111:log-group:org-trail:*"
	orgTrailARN         = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"
	adminPolicyARN      = "arn:aws:iam::aws:policy/AdministratorAccess"
	readOnlyPolicyARN   = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	orgAccessRole       = "OrganizationAccountAccessRole"
	securityAlertsTopic = "arn:aws:sns:us-east-1:444444444444:security-alerts"
)

var accountNames = map[string]string{
	Management: "org-management",
	Prod:       "prod",
	Dev:        "dev",
	Security:   "security",
}

// cleanOrganization is an organization that meets every control: the
// baseline each plant changes one thing in.
func cleanOrganization() *snapshot.Snapshot {
	s := &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: CollectedAt,
		Collector:   snapshot.Collector{Name: "rampart", Version: "example"},
		Source:      snapshot.SourceAPI,
		Errors:      []snapshot.CollectionError{},
		AWS:         &snapshot.AWS{},
	}
	for _, id := range []string{Management, Prod, Dev, Security} {
		s.Scopes = append(s.Scopes, snapshot.Scope{Provider: "aws", Account: id, Name: accountNames[id], Resource: RootARN(id), Regions: Regions})
		s.AWS.Accounts = append(s.AWS.Accounts, cleanAccount(id))
	}
	s.AWS.Organization = cleanOrg()
	return s
}

func cleanAccount(id string) snapshot.AWSAccount {
	t := true
	a := snapshot.AWSAccount{
		AccountID: id, Name: accountNames[id], Partition: "aws",
		Root: &snapshot.RootUser{
			ARN: RootARN(id), Created: DaysAgo(1500),
			PasswordEnabled: &t, PasswordLastUsed: DaysAgo(400),
			MFAActive:  true,
			MFADevices: []snapshot.MFADevice{{Type: "hardware"}},
			AccessKeys: []snapshot.AccessKey{},
		},
		PasswordPolicy: &snapshot.PasswordPolicy{
			MinimumLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true,
			RequireLowercase: true, AllowUsersToChangePassword: true, MaxPasswordAge: 90, PasswordReusePrevention: 24,
		},
		AccountSummary: map[string]int{"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0},
		SAMLProviders:  []snapshot.SAMLProvider{},
		OIDCProviders:  []snapshot.OIDCProvider{},
		Trails:         []snapshot.Trail{orgTrail()},
		Budgets:        []snapshot.Budget{{Name: "monthly-spend", Type: "COST", LimitAmount: "5000.0", LimitUnit: "USD"}},
		S3PublicAccessBlock: &snapshot.PublicAccessBlock{
			BlockPublicACLs: true, IgnorePublicACLs: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
		},
		Policies: awsManagedPolicies(),
		Groups: []snapshot.IAMGroup{
			{Name: "developers", ARN: fmt.Sprintf("arn:aws:iam::%s:group/developers", id), ID: "AGPA" + id + "DEV", Path: "/", Created: DaysAgo(900),
				AttachedPolicies: []snapshot.AttachedPolicy{{Name: "ReadOnlyAccess", ARN: readOnlyPolicyARN}}, InlinePolicies: []snapshot.InlinePolicy{}},
		},
	}
	for i, name := range []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"} {
		a.Users = append(a.Users, cleanHuman(id, name, 30+i*7))
	}
	a.Users = append(a.Users, deployBot(id))
	a.Roles = append(a.Roles,
		cleanRole(id, orgAccessRole, trustAccount(Management), adminPolicyARN, "AdministratorAccess"),
		cleanRole(id, "app-instance", trustService("ec2.amazonaws.com"), readOnlyPolicyARN, "ReadOnlyAccess"),
		cleanRole(id, "lambda-exec", trustService("lambda.amazonaws.com"), readOnlyPolicyARN, "ReadOnlyAccess"),
		cleanRole(id, "ops-readonly", trustAccount(id), readOnlyPolicyARN, "ReadOnlyAccess"),
		snapshot.IAMRole{
			Name: "AWSServiceRoleForSupport", ARN: fmt.Sprintf("arn:aws:iam::%s:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", id),
			ID: "AROA" + id + "SUPPORT", Path: "/aws-service-role/support.amazonaws.com/", Created: DaysAgo(1400), ServiceLinked: true,
			TrustPolicy: trustService("support.amazonaws.com"), LastUsed: &snapshot.RoleLastUsed{},
			AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
		},
	)
	for _, r := range Regions {
		a.Regions = append(a.Regions, cleanRegion(id, r))
	}
	return a
}

func cleanHuman(account, name string, passwordDays int) snapshot.IAMUser {
	return snapshot.IAMUser{
		Name: name, ARN: UserARN(account, name), ID: "AIDA" + account + name, Path: "/", Created: DaysAgo(600),
		PasswordEnabled: true, PasswordLastUsed: DaysAgo(2), PasswordLastChanged: DaysAgo(passwordDays),
		MFAActive:  true,
		MFADevices: []snapshot.MFADevice{{Serial: fmt.Sprintf("arn:aws:iam::%s:mfa/%s", account, name), Type: "virtual"}},
		AccessKeys: []snapshot.AccessKey{}, Groups: []string{"developers"},
		AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
		CredentialReport: true,
	}
}

// deployBot is a programmatic user with one fresh, used key: clean for
// rotation and use, though any key at all is a long-lived credential.
func deployBot(account string) snapshot.IAMUser {
	return snapshot.IAMUser{
		Name: "deploy-bot", ARN: UserARN(account, "deploy-bot"), ID: "AIDA" + account + "BOT", Path: "/", Created: DaysAgo(300),
		AccessKeys: []snapshot.AccessKey{{Slot: 1, Active: true, Created: DaysAgo(20), LastUsed: DaysAgo(1), LastUsedRegion: "eu-west-1", LastUsedSvc: "s3"}},
		MFADevices: []snapshot.MFADevice{}, Groups: []string{"developers"},
		AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
		CredentialReport: true,
	}
}

func cleanRole(account, name string, trust []byte, policyARN, policyName string) snapshot.IAMRole {
	return snapshot.IAMRole{
		Name: name, ARN: RoleARN(account, name), ID: "AROA" + account + name, Path: "/", Created: DaysAgo(700),
		TrustPolicy: trust, LastUsed: &snapshot.RoleLastUsed{Date: DaysAgo(3), Region: "eu-west-1"}, MaxSessionDuration: 3600,
		AttachedPolicies: []snapshot.AttachedPolicy{{Name: policyName, ARN: policyARN}}, InlinePolicies: []snapshot.InlinePolicy{}, InstanceProfiles: []string{},
	}
}

// trustService is a trust policy for an AWS service principal.
func trustService(service string) []byte {
	return Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Principal": map[string]any{"Service": service}, "Action": "sts:AssumeRole",
	}}})
}

// trustAccount is a trust policy for an account's root (any principal of
// that account allowed by its own IAM policies).
func trustAccount(account string) []byte {
	return Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Principal": map[string]any{"AWS": RootARN(account)}, "Action": "sts:AssumeRole",
	}}})
}

func awsManagedPolicies() []snapshot.ManagedPolicy {
	return []snapshot.ManagedPolicy{
		{Name: "AdministratorAccess", ARN: adminPolicyARN, ID: "ANPAIWMBCKSKIEE64ZLYK", Path: "/", AWSManaged: true, DefaultVersion: "v1", AttachmentCount: 1,
			Created: DaysAgo(3000), Updated: DaysAgo(3000),
			Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}}})},
		{Name: "ReadOnlyAccess", ARN: readOnlyPolicyARN, ID: "ANPAILL3HVNFSB6DCOWYQ", Path: "/", AWSManaged: true, DefaultVersion: "v120", AttachmentCount: 4,
			Created: DaysAgo(3000), Updated: DaysAgo(30),
			Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": []string{"iam:Get*", "iam:List*", "ec2:Describe*", "s3:Get*", "s3:List*", "cloudtrail:Describe*", "cloudtrail:Get*"}, "Resource": "*"}}})},
	}
}

func orgTrail() snapshot.Trail {
	t := true
	return snapshot.Trail{
		Name: "org-trail", ARN: orgTrailARN, HomeRegion: "us-east-1", MultiRegion: true, OrganizationTrail: true,
		IncludeGlobalEvents: true, LogFileValidation: true,
		KMSKeyID:               "arn:aws:kms:us-east-1:111111111111:key/0f0e0d0c-0b0a-4909-8807-060504030201",
		S3Bucket:               "example-org-trail-logs",
		CloudWatchLogsGroupARN: orgTrailLogGroup,
		IsLogging:              &t,
		EventSelectors:         Doc([]any{map[string]any{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []any{}, "ExcludeManagementEventSources": []any{}}}),
		AdvancedEventSelectors: Doc([]any{}),
	}
}

func cleanRegion(account, region string) snapshot.AWSRegion {
	r := snapshot.AWSRegion{
		Name:               region,
		GuardDutyDetectors: []snapshot.GuardDutyDetector{{ID: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", Status: "ENABLED"}},
		ConfigRecorders:    []snapshot.ConfigRecorder{{Name: "default", AllSupported: true, IncludeGlobalResourceTypes: region == "us-east-1", Recording: true, LastStatus: "SUCCESS"}},
		AccessAnalyzers:    []snapshot.AccessAnalyzer{{Name: "account-analyzer", ARN: fmt.Sprintf("arn:aws:access-analyzer:%s:%s:analyzer/account-analyzer", region, account), Type: "ACCOUNT", Status: "ACTIVE"}},
		SecurityHub:        &snapshot.SecurityHub{Enabled: true, HubARN: fmt.Sprintf("arn:aws:securityhub:%s:%s:hub/default", region, account), SubscribedAt: DaysAgo(800)},
		MetricFilters:      []snapshot.MetricFilter{},
		Alarms:             []snapshot.MetricAlarm{},
		Instances: []snapshot.EC2Instance{
			{ID: "i-0" + account[:6] + region[:2] + "00000001", ARN: fmt.Sprintf("arn:aws:ec2:%s:%s:instance/i-0%s%s00000001", region, account, account[:6], region[:2]), State: "running", HTTPTokens: "required", HTTPEndpoint: "enabled", HTTPPutResponseHopLimit: 1},
		},
		LambdaFunctions:   []snapshot.LambdaFunction{},
		Stacks:            []snapshot.CloudFormationStack{},
		CodeBuildProjects: []snapshot.CodeBuildProject{},
	}
	if region == "us-east-1" {
		for _, f := range []struct{ name, pattern, metric string }{
			{"root-usage", PatternRootUsage, "RootUsage"},
			{"console-no-mfa", PatternConsoleNoMFA, "ConsoleSigninWithoutMFA"},
			{"iam-changes", PatternIAMChanges, "IAMPolicyChanges"},
			{"cloudtrail-changes", PatternTrailChanges, "CloudTrailConfigChanges"},
		} {
			r.MetricFilters = append(r.MetricFilters, snapshot.MetricFilter{
				Name: f.name, LogGroup: "org-trail", Pattern: f.pattern,
				MetricTransformations: []snapshot.MetricTransform{{MetricName: f.metric, MetricNamespace: "CISBenchmark"}},
			})
			r.Alarms = append(r.Alarms, snapshot.MetricAlarm{
				Name: f.name + "-alarm", ARN: fmt.Sprintf("arn:aws:cloudwatch:us-east-1:%s:alarm:%s-alarm", account, f.name),
				MetricName: f.metric, Namespace: "CISBenchmark", ActionsEnabled: true, AlarmActions: []string{securityAlertsTopic},
			})
		}
	}
	return r
}

func cleanOrg() *snapshot.AWSOrganization {
	o := &snapshot.AWSOrganization{
		ID: OrgID, ARN: "arn:aws:organizations::111111111111:organization/" + OrgID,
		ManagementAccount: Management, FeatureSet: "ALL",
	}
	for _, id := range []string{Management, Prod, Dev, Security} {
		o.Accounts = append(o.Accounts, snapshot.OrgAccount{ID: id, ARN: fmt.Sprintf("arn:aws:organizations::111111111111:account/%s/%s", OrgID, id), Name: accountNames[id], Status: "ACTIVE"})
	}
	root := []snapshot.OrgTarget{{ID: "r-ex01", ARN: "arn:aws:organizations::111111111111:root/" + OrgID + "/r-ex01", Name: "Root", Type: "ROOT"}}
	o.Policies = []snapshot.OrgPolicy{
		{ID: "p-denyroot1", ARN: "arn:aws:organizations::111111111111:policy/" + OrgID + "/service_control_policy/p-denyroot1", Name: "deny-root-user", Type: "SERVICE_CONTROL_POLICY",
			Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Sid": "DenyRoot", "Effect": "Deny", "Action": "*", "Resource": "*",
				"Condition": map[string]any{"StringLike": map[string]any{"aws:PrincipalArn": "arn:aws:iam::*:root"}},
			}}}), Targets: root},
		{ID: "p-protlog1", ARN: "arn:aws:organizations::111111111111:policy/" + OrgID + "/service_control_policy/p-protlog1", Name: "protect-logging", Type: "SERVICE_CONTROL_POLICY",
			Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Sid": "ProtectCloudTrail", "Effect": "Deny", "Resource": "*",
				"Action": []string{"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"},
			}}}), Targets: root},
		{ID: "p-FullAWSAccess", ARN: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess", Name: "FullAWSAccess", Type: "SERVICE_CONTROL_POLICY", AWSManaged: true,
			Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}}}), Targets: root},
	}
	return o
}
