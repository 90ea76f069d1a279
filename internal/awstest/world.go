package awstest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	btypes "github.com/aws/aws-sdk-go-v2/service/budgets/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	ltypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	cbtypes "github.com/aws/aws-sdk-go-v2/service/codebuild/types"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	ctypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	etypes "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	otypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	stypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/rampart-sec/rampart/internal/awsclient"
)

// Builder creates a world in moto through the SDK. It is test-only code
// that writes; the collector under test never does. Every failure fails
// the test.
type Builder struct {
	t   testing.TB
	ctx context.Context
	cfg aws.Config
	url string
	log *retryLog // shared with the builders of member accounts
}

// NewBuilder returns a builder that talks to moto at endpoint directly
// (no proxy, no read-only guard: it creates things).
func NewBuilder(t testing.TB, endpoint string) *Builder {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(), ConfigOptions(endpoint)...)
	if err != nil {
		t.Fatal(err)
	}
	log := &retryLog{tb: t}
	cfg.Retryer = func() aws.Retryer { return loggedRetryer{retry.NewStandard(), log} }
	return &Builder{t: t, ctx: context.Background(), cfg: cfg, url: endpoint, log: log}
}

func (b *Builder) in(region string) aws.Config {
	c := b.cfg.Copy()
	c.Region = region
	return c
}

// User creates an IAM user with, as asked, a console password, a virtual
// MFA device and access keys.
func (b *Builder) User(name string, console, virtualMFA bool, keys int) {
	c := iam.NewFromConfig(b.cfg)
	_, err := c.CreateUser(b.ctx, &iam.CreateUserInput{UserName: &name})
	b.created(err, "CreateUser "+name)
	if console {
		_, err = c.CreateLoginProfile(b.ctx, &iam.CreateLoginProfileInput{UserName: &name, Password: aws.String("Example-Passw0rd!")})
		b.created(err, "CreateLoginProfile "+name)
	}
	if virtualMFA {
		serial := b.virtualMFADevice(name + "-mfa")
		_, err = c.EnableMFADevice(b.ctx, &iam.EnableMFADeviceInput{UserName: &name, SerialNumber: &serial,
			AuthenticationCode1: aws.String("123456"), AuthenticationCode2: aws.String("654321")})
		b.created(err, "EnableMFADevice "+name) // "already exists" once enabled
	}
	for i := 0; i < keys; i++ {
		b.once("CreateAccessKey "+name, "us-east-1", func() []string {
			out, err := c.ListAccessKeys(b.ctx, &iam.ListAccessKeysInput{UserName: &name})
			b.must(err, "ListAccessKeys "+name)
			var ids []string
			for _, k := range out.AccessKeyMetadata {
				ids = append(ids, aws.ToString(k.AccessKeyId))
			}
			return ids
		}, func(noRetry aws.Config) (string, error) {
			out, err := iam.NewFromConfig(noRetry).CreateAccessKey(b.ctx, &iam.CreateAccessKeyInput{UserName: &name})
			if err != nil {
				return "", err
			}
			return aws.ToString(out.AccessKey.AccessKeyId), nil
		})
	}
}

// virtualMFADevice creates a virtual MFA device and returns its serial
// number.
func (b *Builder) virtualMFADevice(name string) string {
	c := iam.NewFromConfig(b.cfg)
	d, err := c.CreateVirtualMFADevice(b.ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: &name})
	if !b.created(err, "CreateVirtualMFADevice "+name) {
		return aws.ToString(d.VirtualMFADevice.SerialNumber)
	}
	p := iam.NewListVirtualMFADevicesPaginator(c, &iam.ListVirtualMFADevicesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(b.ctx)
		b.must(err, "ListVirtualMFADevices")
		for _, d := range page.VirtualMFADevices {
			if serial := aws.ToString(d.SerialNumber); strings.HasSuffix(serial, ":mfa/"+name) {
				return serial
			}
		}
	}
	b.t.Fatalf("building the world: virtual MFA device %s exists but is not listed", name)
	return ""
}

// ManagedPolicy creates a customer-managed policy and returns its ARN.
func (b *Builder) ManagedPolicy(name, doc string) string {
	c := iam.NewFromConfig(b.cfg)
	out, err := c.CreatePolicy(b.ctx, &iam.CreatePolicyInput{PolicyName: &name, PolicyDocument: &doc})
	if !b.created(err, "CreatePolicy "+name) {
		return aws.ToString(out.Policy.Arn)
	}
	p := iam.NewListPoliciesPaginator(c, &iam.ListPoliciesInput{Scope: iamtypes.PolicyScopeTypeLocal})
	for p.HasMorePages() {
		page, err := p.NextPage(b.ctx)
		b.must(err, "ListPolicies")
		for _, pol := range page.Policies {
			if aws.ToString(pol.PolicyName) == name {
				return aws.ToString(pol.Arn)
			}
		}
	}
	b.t.Fatalf("building the world: policy %s exists but is not listed", name)
	return ""
}

// Role creates a role at path with a trust policy.
func (b *Builder) Role(name, path, trust string) {
	_, err := iam.NewFromConfig(b.cfg).CreateRole(b.ctx, &iam.CreateRoleInput{RoleName: &name, Path: aws.String(path), AssumeRolePolicyDocument: &trust})
	b.created(err, "CreateRole "+name)
}

// bucket creates an S3 bucket with a plain path-style PUT (moto accepts it
// unsigned); trails need one.
func (b *Builder) bucket(name string) {
	req, _ := http.NewRequest(http.MethodPut, b.url+"/"+url.PathEscape(name), nil)
	resp, err := http.DefaultClient.Do(req)
	b.must(err, "create bucket")
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.t.Fatalf("create bucket %s: HTTP %d", name, resp.StatusCode)
	}
}

// Trail creates a trail (and its bucket) in region, logging when start.
func (b *Builder) Trail(region, name string, multiRegion, validation, start bool) {
	b.bucket(name + "-logs")
	c := cloudtrail.NewFromConfig(b.in(region))
	_, err := c.CreateTrail(b.ctx, &cloudtrail.CreateTrailInput{Name: &name, S3BucketName: aws.String(name + "-logs"),
		IsMultiRegionTrail: aws.Bool(multiRegion), EnableLogFileValidation: aws.Bool(validation), IncludeGlobalServiceEvents: aws.Bool(multiRegion)})
	b.created(err, "CreateTrail "+name)
	if start {
		_, err = c.StartLogging(b.ctx, &cloudtrail.StartLoggingInput{Name: &name})
		b.must(err, "StartLogging")
	}
}

// Detector enables GuardDuty in region.
func (b *Builder) Detector(region string) {
	b.once("CreateDetector", region, func() []string {
		out, err := guardduty.NewFromConfig(b.in(region)).ListDetectors(b.ctx, &guardduty.ListDetectorsInput{})
		b.must(err, "ListDetectors")
		return out.DetectorIds
	}, func(noRetry aws.Config) (string, error) {
		out, err := guardduty.NewFromConfig(noRetry).CreateDetector(b.ctx, &guardduty.CreateDetectorInput{Enable: aws.Bool(true)})
		if err != nil {
			return "", err
		}
		return aws.ToString(out.DetectorId), nil
	})
}

// Recorder creates and starts an AWS Config recorder recording everything.
func (b *Builder) Recorder(region string) {
	c := configservice.NewFromConfig(b.in(region))
	_, err := c.PutConfigurationRecorder(b.ctx, &configservice.PutConfigurationRecorderInput{ConfigurationRecorder: &ctypes.ConfigurationRecorder{
		Name: aws.String("default"), RoleARN: aws.String("arn:aws:iam::" + Account + ":role/config"),
		RecordingGroup: &ctypes.RecordingGroup{AllSupported: true, IncludeGlobalResourceTypes: true},
	}})
	b.must(err, "PutConfigurationRecorder")
	b.bucket("config-" + region)
	_, err = c.PutDeliveryChannel(b.ctx, &configservice.PutDeliveryChannelInput{DeliveryChannel: &ctypes.DeliveryChannel{Name: aws.String("default"), S3BucketName: aws.String("config-" + region)}})
	b.must(err, "PutDeliveryChannel")
	_, err = c.StartConfigurationRecorder(b.ctx, &configservice.StartConfigurationRecorderInput{ConfigurationRecorderName: aws.String("default")})
	b.must(err, "StartConfigurationRecorder")
}

// SecurityHub enables Security Hub in region.
func (b *Builder) SecurityHub(region string) {
	_, err := securityhub.NewFromConfig(b.in(region)).EnableSecurityHub(b.ctx, &securityhub.EnableSecurityHubInput{})
	b.must(err, "EnableSecurityHub")
}

// MetricFilter creates a log group and a metric filter on it.
func (b *Builder) MetricFilter(region, group, name, pattern string) {
	c := cloudwatchlogs.NewFromConfig(b.in(region))
	_, err := c.CreateLogGroup(b.ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: &group})
	b.created(err, "CreateLogGroup "+group)
	_, err = c.PutMetricFilter(b.ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: &group, FilterName: &name, FilterPattern: &pattern,
		MetricTransformations: []ltypes.MetricTransformation{{MetricName: aws.String(name), MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}}})
	b.must(err, "PutMetricFilter")
}

// Instance runs an EC2 instance with the given IMDS token setting and, if
// profile is not empty, that instance profile, and returns its ID.
func (b *Builder) Instance(region string, tokens etypes.HttpTokensState, profile string) string {
	in := &ec2.RunInstancesInput{
		ImageId: aws.String("ami-12c6146b"), MinCount: aws.Int32(1), MaxCount: aws.Int32(1), InstanceType: etypes.InstanceTypeT3Micro,
		MetadataOptions: &etypes.InstanceMetadataOptionsRequest{HttpTokens: tokens, HttpEndpoint: etypes.InstanceMetadataEndpointStateEnabled},
	}
	if profile != "" {
		in.IamInstanceProfile = &etypes.IamInstanceProfileSpecification{Name: &profile}
	}
	return b.once("RunInstances", region, func() []string {
		var ids []string
		p := ec2.NewDescribeInstancesPaginator(ec2.NewFromConfig(b.in(region)), &ec2.DescribeInstancesInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(b.ctx)
			b.must(err, "DescribeInstances")
			for _, r := range page.Reservations {
				for _, i := range r.Instances {
					ids = append(ids, aws.ToString(i.InstanceId))
				}
			}
		}
		return ids
	}, func(noRetry aws.Config) (string, error) {
		out, err := ec2.NewFromConfig(noRetry).RunInstances(b.ctx, in)
		if err != nil {
			return "", err
		}
		return aws.ToString(out.Instances[0].InstanceId), nil
	})
}

// BuildProject creates a CodeBuild project in region whose builds run as
// the role roleARN.
func (b *Builder) BuildProject(region, name, roleARN string) {
	_, err := codebuild.NewFromConfig(b.in(region)).CreateProject(b.ctx, &codebuild.CreateProjectInput{
		Name: aws.String(name), ServiceRole: aws.String(roleARN),
		Source:    &cbtypes.ProjectSource{Type: cbtypes.SourceTypeS3, Location: aws.String("example-build-sources/" + name + ".zip")},
		Artifacts: &cbtypes.ProjectArtifacts{Type: cbtypes.ArtifactsTypeNoArtifacts},
		Environment: &cbtypes.ProjectEnvironment{Type: cbtypes.EnvironmentTypeLinuxContainer, Image: aws.String("aws/codebuild/standard:7.0"),
			ComputeType: cbtypes.ComputeTypeBuildGeneral1Small},
	})
	b.created(err, "CreateProject "+name)
}

// PublicAccessBlock sets the account's S3 Block Public Access: ACLs
// blocked, policies and buckets too when all.
func (b *Builder) PublicAccessBlock(all bool) {
	_, err := awsclient.S3Control(b.cfg, "us-east-1").PutPublicAccessBlock(b.ctx, &s3control.PutPublicAccessBlockInput{AccountId: aws.String(Account),
		PublicAccessBlockConfiguration: &stypes.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(all), RestrictPublicBuckets: aws.Bool(all)}})
	b.must(err, "PutPublicAccessBlock")
}

// Budget creates a monthly cost budget.
func (b *Builder) Budget(name string) {
	_, err := budgets.NewFromConfig(b.cfg).CreateBudget(b.ctx, &budgets.CreateBudgetInput{AccountId: aws.String(Account), Budget: &btypes.Budget{
		BudgetName: &name, BudgetType: btypes.BudgetTypeCost, TimeUnit: btypes.TimeUnitMonthly,
		BudgetLimit: &btypes.Spend{Amount: aws.String("100.0"), Unit: aws.String("USD")}}})
	b.created(err, "CreateBudget "+name)
}

// Organization creates an organization with n member accounts and two SCPs,
// and returns the member account IDs.
func (b *Builder) Organization(members int) []string {
	c := organizations.NewFromConfig(b.cfg)
	_, err := c.CreateOrganization(b.ctx, &organizations.CreateOrganizationInput{FeatureSet: otypes.OrganizationFeatureSetAll})
	b.created(err, "CreateOrganization")
	var ids []string
	for i := 0; i < members; i++ {
		name := fmt.Sprintf("member-%d", i)
		ids = append(ids, b.once("CreateAccount "+name, "us-east-1", func() []string {
			var ids []string
			p := organizations.NewListAccountsPaginator(c, &organizations.ListAccountsInput{})
			for p.HasMorePages() {
				page, err := p.NextPage(b.ctx)
				b.must(err, "ListAccounts")
				for _, a := range page.Accounts {
					if aws.ToString(a.Name) == name {
						ids = append(ids, aws.ToString(a.Id))
					}
				}
			}
			return ids
		}, func(noRetry aws.Config) (string, error) {
			out, err := organizations.NewFromConfig(noRetry).CreateAccount(b.ctx, &organizations.CreateAccountInput{AccountName: &name, Email: aws.String(name + "@example.com")})
			if err != nil {
				return "", err
			}
			return aws.ToString(out.CreateAccountStatus.AccountId), nil
		}))
	}
	roots, err := c.ListRoots(b.ctx, &organizations.ListRootsInput{})
	b.must(err, "ListRoots")
	// The first member lives in an OU, so parents are walked past the root's
	// direct children.
	ou, err := c.CreateOrganizationalUnit(b.ctx, &organizations.CreateOrganizationalUnitInput{Name: aws.String("workloads"), ParentId: roots.Roots[0].Id})
	b.must(err, "CreateOrganizationalUnit")
	if len(ids) > 0 {
		_, err = c.MoveAccount(b.ctx, &organizations.MoveAccountInput{AccountId: aws.String(ids[0]), SourceParentId: roots.Roots[0].Id, DestinationParentId: ou.OrganizationalUnit.Id})
		b.must(err, "MoveAccount")
	}
	p, err := c.CreatePolicy(b.ctx, &organizations.CreatePolicyInput{Name: aws.String("deny-root"), Description: aws.String("deny root"), Type: otypes.PolicyTypeServiceControlPolicy,
		Content: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}`)})
	b.must(err, "CreatePolicy")
	_, err = c.AttachPolicy(b.ctx, &organizations.AttachPolicyInput{PolicyId: p.Policy.PolicySummary.Id, TargetId: roots.Roots[0].Id})
	b.must(err, "AttachPolicy")
	return ids
}

// Member is a builder inside a member account, entered by assuming role
// there (moto maps assumed-role keys to the role's account).
func (b *Builder) Member(account, role string) *Builder {
	creds := aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(b.cfg), "arn:aws:iam::"+account+":role/"+role))
	_, err := creds.Retrieve(b.ctx)
	b.must(err, "AssumeRole into "+account)
	c := b.cfg.Copy()
	c.Credentials = creds
	return &Builder{t: b.t, ctx: b.ctx, cfg: c, url: b.url, log: b.log}
}

// Trust policies of the standard world. TrustService is also the trust of
// the roles that only fill a large world.
const (
	trustCrossAccount = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}]}`
	trustWildcard     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`
	trustOIDC         = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:example-org/*"}}}]}`
	TrustService      = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	adminPolicy       = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	// A policy whose text contains characters URL-encoding must round-trip.
	plusPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::bucket/a+b c%d/*"}]}`
)

// StandardWorld builds the account most tests collect: known
// misconfigurations in us-east-1 and eu-west-1 (the collector's tests say
// which).
func StandardWorld(t testing.TB, endpoint string) *Builder {
	t.Helper()
	b := NewBuilder(t, endpoint)
	c := iam.NewFromConfig(b.cfg)
	b.User("alice", true, true, 0) // console with virtual MFA
	b.User("bob", true, false, 2)  // console without MFA, two keys
	b.User("carol", false, false, 1)
	_, err := c.CreateGroup(b.ctx, &iam.CreateGroupInput{GroupName: aws.String("admins")})
	b.created(err, "CreateGroup admins")
	adminAll := b.ManagedPolicy("admin-all", adminPolicy)
	_, err = c.AttachGroupPolicy(b.ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("admins"), PolicyArn: &adminAll})
	b.must(err, "AttachGroupPolicy")
	_, err = c.AddUserToGroup(b.ctx, &iam.AddUserToGroupInput{GroupName: aws.String("admins"), UserName: aws.String("carol")})
	b.must(err, "AddUserToGroup")
	_, err = c.AttachUserPolicy(b.ctx, &iam.AttachUserPolicyInput{UserName: aws.String("bob"), PolicyArn: &adminAll})
	b.must(err, "AttachUserPolicy")
	_, err = c.PutUserPolicy(b.ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("odd-chars"), PolicyDocument: aws.String(plusPolicy)})
	b.must(err, "PutUserPolicy")

	b.Role("cross-account", "/", trustCrossAccount)
	b.Role("wildcard", "/", trustWildcard)
	b.Role("github-deploy", "/ci/", trustOIDC)
	b.Role("AWSServiceRoleForSupport", "/aws-service-role/support.amazonaws.com/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"support.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	b.Role("ec2-app", "/", TrustService)
	_, err = c.PutRolePolicy(b.ctx, &iam.PutRolePolicyInput{RoleName: aws.String("ec2-app"), PolicyName: aws.String("admin-inline"), PolicyDocument: aws.String(adminPolicy)})
	b.must(err, "PutRolePolicy")

	_, err = c.CreateOpenIDConnectProvider(b.ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://token.actions.githubusercontent.com"),
		ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"}})
	b.created(err, "CreateOpenIDConnectProvider")
	_, err = c.UpdateAccountPasswordPolicy(b.ctx, &iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(8), RequireSymbols: true, PasswordReusePrevention: aws.Int32(5)})
	b.must(err, "UpdateAccountPasswordPolicy")

	b.Trail("us-east-1", "main", true, true, true)
	b.Trail("eu-west-1", "local", false, false, false)
	b.Detector("us-east-1")
	b.Recorder("us-east-1")
	b.SecurityHub("us-east-1")
	b.MetricFilter("us-east-1", "cloudtrail-logs", "root-usage", `{ $.userIdentity.type = "Root" }`)
	b.Instance("us-east-1", etypes.HttpTokensStateOptional, "")
	b.Instance("eu-west-1", etypes.HttpTokensStateRequired, "")
	b.BuildProject("us-east-1", "ci-build", "arn:aws:iam::123456789012:role/ec2-app")
	b.PublicAccessBlock(false)
	b.Budget("monthly")
	return b
}

// Config is the builder's SDK configuration in region, for worlds that
// need services the builder has no helper for.
func (b *Builder) Config(region string) aws.Config { return b.in(region) }

// Must fails the test when err is not nil, naming what was being built.
func (b *Builder) Must(err error, what string) {
	b.t.Helper()
	b.must(err, what)
}

// Created is Must for a call that creates something by name: "already
// exists" after the SDK retried the call is success (see created).
func (b *Builder) Created(err error, what string) {
	b.t.Helper()
	b.created(err, what)
}
