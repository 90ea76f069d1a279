package aws

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	btypes "github.com/aws/aws-sdk-go-v2/service/budgets/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	ltypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	ctypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	etypes "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	otypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	stypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
)

// builder creates a world in moto through the SDK. It is test-only code
// that writes; the collector under test never does.
type builder struct {
	t   *testing.T
	ctx context.Context
	cfg aws.Config
	url string
}

func newBuilder(t *testing.T, endpoint string) *builder {
	return &builder{t: t, ctx: context.Background(), cfg: builderConfig(t, endpoint), url: endpoint}
}

func (b *builder) must(err error, what string) {
	b.t.Helper()
	if err != nil {
		b.t.Fatalf("building the world: %s: %v", what, err)
	}
}

func (b *builder) in(region string) aws.Config {
	c := b.cfg.Copy()
	c.Region = region
	return c
}

// user creates an IAM user with, as asked, a console password, a virtual
// MFA device and access keys.
func (b *builder) user(name string, console, virtualMFA bool, keys int) {
	c := iam.NewFromConfig(b.cfg)
	_, err := c.CreateUser(b.ctx, &iam.CreateUserInput{UserName: &name})
	b.must(err, "CreateUser "+name)
	if console {
		_, err = c.CreateLoginProfile(b.ctx, &iam.CreateLoginProfileInput{UserName: &name, Password: aws.String("Example-Passw0rd!")})
		b.must(err, "CreateLoginProfile")
	}
	if virtualMFA {
		d, err := c.CreateVirtualMFADevice(b.ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(name + "-mfa")})
		b.must(err, "CreateVirtualMFADevice")
		_, err = c.EnableMFADevice(b.ctx, &iam.EnableMFADeviceInput{UserName: &name, SerialNumber: d.VirtualMFADevice.SerialNumber,
			AuthenticationCode1: aws.String("123456"), AuthenticationCode2: aws.String("654321")})
		b.must(err, "EnableMFADevice")
	}
	for i := 0; i < keys; i++ {
		_, err := c.CreateAccessKey(b.ctx, &iam.CreateAccessKeyInput{UserName: &name})
		b.must(err, "CreateAccessKey")
	}
}

func (b *builder) role(name, path, trust string) {
	_, err := iam.NewFromConfig(b.cfg).CreateRole(b.ctx, &iam.CreateRoleInput{RoleName: &name, Path: aws.String(path), AssumeRolePolicyDocument: &trust})
	b.must(err, "CreateRole "+name)
}

// bucket creates an S3 bucket with a plain path-style PUT (moto accepts it
// unsigned); trails need one.
func (b *builder) bucket(name string) {
	req, _ := http.NewRequest(http.MethodPut, b.url+"/"+url.PathEscape(name), nil)
	resp, err := http.DefaultClient.Do(req)
	b.must(err, "create bucket")
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.t.Fatalf("create bucket %s: HTTP %d", name, resp.StatusCode)
	}
}

func (b *builder) trail(region, name string, multiRegion, validation, start bool) {
	b.bucket(name + "-logs")
	c := cloudtrail.NewFromConfig(b.in(region))
	_, err := c.CreateTrail(b.ctx, &cloudtrail.CreateTrailInput{Name: &name, S3BucketName: aws.String(name + "-logs"),
		IsMultiRegionTrail: aws.Bool(multiRegion), EnableLogFileValidation: aws.Bool(validation), IncludeGlobalServiceEvents: aws.Bool(multiRegion)})
	b.must(err, "CreateTrail")
	if start {
		_, err = c.StartLogging(b.ctx, &cloudtrail.StartLoggingInput{Name: &name})
		b.must(err, "StartLogging")
	}
}

func (b *builder) detector(region string) {
	_, err := guardduty.NewFromConfig(b.in(region)).CreateDetector(b.ctx, &guardduty.CreateDetectorInput{Enable: aws.Bool(true)})
	b.must(err, "CreateDetector")
}

func (b *builder) recorder(region string) {
	c := configservice.NewFromConfig(b.in(region))
	_, err := c.PutConfigurationRecorder(b.ctx, &configservice.PutConfigurationRecorderInput{ConfigurationRecorder: &ctypes.ConfigurationRecorder{
		Name: aws.String("default"), RoleARN: aws.String("arn:aws:iam::" + motoAccount + ":role/config"),
		RecordingGroup: &ctypes.RecordingGroup{AllSupported: true, IncludeGlobalResourceTypes: true},
	}})
	b.must(err, "PutConfigurationRecorder")
	b.bucket("config-" + region)
	_, err = c.PutDeliveryChannel(b.ctx, &configservice.PutDeliveryChannelInput{DeliveryChannel: &ctypes.DeliveryChannel{Name: aws.String("default"), S3BucketName: aws.String("config-" + region)}})
	b.must(err, "PutDeliveryChannel")
	_, err = c.StartConfigurationRecorder(b.ctx, &configservice.StartConfigurationRecorderInput{ConfigurationRecorderName: aws.String("default")})
	b.must(err, "StartConfigurationRecorder")
}

func (b *builder) securityHub(region string) {
	_, err := securityhub.NewFromConfig(b.in(region)).EnableSecurityHub(b.ctx, &securityhub.EnableSecurityHubInput{})
	b.must(err, "EnableSecurityHub")
}

func (b *builder) metricFilter(region, group, name, pattern string) {
	c := cloudwatchlogs.NewFromConfig(b.in(region))
	_, err := c.CreateLogGroup(b.ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: &group})
	b.must(err, "CreateLogGroup")
	_, err = c.PutMetricFilter(b.ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: &group, FilterName: &name, FilterPattern: &pattern,
		MetricTransformations: []ltypes.MetricTransformation{{MetricName: aws.String(name), MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}}})
	b.must(err, "PutMetricFilter")
}

func (b *builder) instance(region string, tokens etypes.HttpTokensState) string {
	out, err := ec2.NewFromConfig(b.in(region)).RunInstances(b.ctx, &ec2.RunInstancesInput{
		ImageId: aws.String("ami-12c6146b"), MinCount: aws.Int32(1), MaxCount: aws.Int32(1), InstanceType: etypes.InstanceTypeT3Micro,
		MetadataOptions: &etypes.InstanceMetadataOptionsRequest{HttpTokens: tokens, HttpEndpoint: etypes.InstanceMetadataEndpointStateEnabled},
	})
	b.must(err, "RunInstances")
	return aws.ToString(out.Instances[0].InstanceId)
}

func (b *builder) publicAccessBlock(all bool) {
	_, err := s3controlClient(b.cfg, "us-east-1").PutPublicAccessBlock(b.ctx, &s3control.PutPublicAccessBlockInput{AccountId: aws.String(motoAccount),
		PublicAccessBlockConfiguration: &stypes.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(all), RestrictPublicBuckets: aws.Bool(all)}})
	b.must(err, "PutPublicAccessBlock")
}

func (b *builder) budget(name string) {
	_, err := budgets.NewFromConfig(b.cfg).CreateBudget(b.ctx, &budgets.CreateBudgetInput{AccountId: aws.String(motoAccount), Budget: &btypes.Budget{
		BudgetName: &name, BudgetType: btypes.BudgetTypeCost, TimeUnit: btypes.TimeUnitMonthly,
		BudgetLimit: &btypes.Spend{Amount: aws.String("100.0"), Unit: aws.String("USD")}}})
	b.must(err, "CreateBudget")
}

// organization creates an organization with n member accounts and two SCPs,
// and returns the member account IDs.
func (b *builder) organization(members int) []string {
	c := organizations.NewFromConfig(b.cfg)
	_, err := c.CreateOrganization(b.ctx, &organizations.CreateOrganizationInput{FeatureSet: otypes.OrganizationFeatureSetAll})
	b.must(err, "CreateOrganization")
	var ids []string
	for i := 0; i < members; i++ {
		out, err := c.CreateAccount(b.ctx, &organizations.CreateAccountInput{AccountName: aws.String(fmt.Sprintf("member-%d", i)), Email: aws.String(fmt.Sprintf("member-%d@example.com", i))})
		b.must(err, "CreateAccount")
		ids = append(ids, aws.ToString(out.CreateAccountStatus.AccountId))
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

// memberConfig is the builder's config inside a member account (moto maps
// assumed-role keys to the role's account).
func (b *builder) member(account string) *builder {
	stsCfg := b.cfg.Copy()
	creds, err := assumeForBuilder(b.ctx, stsCfg, "arn:aws:iam::"+account+":role/"+DefaultRoleName)
	b.must(err, "AssumeRole into "+account)
	c := b.cfg.Copy()
	c.Credentials = creds
	return &builder{t: b.t, ctx: b.ctx, cfg: c, url: b.url}
}

// Trust policies of the standard world.
const (
	trustCrossAccount = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}]}`
	trustWildcard     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`
	trustOIDC         = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:example-org/*"}}}]}`
	trustService      = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	adminPolicy       = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	// A policy whose text contains characters URL-encoding must round-trip.
	plusPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::bucket/a+b c%d/*"}]}`
)

// standardWorld builds the account most tests collect: known
// misconfigurations in us-east-1 and eu-west-1.
func standardWorld(t *testing.T, endpoint string) *builder {
	b := newBuilder(t, endpoint)
	c := iam.NewFromConfig(b.cfg)
	b.user("alice", true, true, 0) // console with virtual MFA
	b.user("bob", true, false, 2)  // console without MFA, two keys
	b.user("carol", false, false, 1)
	_, err := c.CreateGroup(b.ctx, &iam.CreateGroupInput{GroupName: aws.String("admins")})
	b.must(err, "CreateGroup")
	pol, err := c.CreatePolicy(b.ctx, &iam.CreatePolicyInput{PolicyName: aws.String("admin-all"), PolicyDocument: aws.String(adminPolicy)})
	b.must(err, "CreatePolicy")
	_, err = c.AttachGroupPolicy(b.ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("admins"), PolicyArn: pol.Policy.Arn})
	b.must(err, "AttachGroupPolicy")
	_, err = c.AddUserToGroup(b.ctx, &iam.AddUserToGroupInput{GroupName: aws.String("admins"), UserName: aws.String("carol")})
	b.must(err, "AddUserToGroup")
	_, err = c.AttachUserPolicy(b.ctx, &iam.AttachUserPolicyInput{UserName: aws.String("bob"), PolicyArn: pol.Policy.Arn})
	b.must(err, "AttachUserPolicy")
	_, err = c.PutUserPolicy(b.ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("odd-chars"), PolicyDocument: aws.String(plusPolicy)})
	b.must(err, "PutUserPolicy")

	b.role("cross-account", "/", trustCrossAccount)
	b.role("wildcard", "/", trustWildcard)
	b.role("github-deploy", "/ci/", trustOIDC)
	b.role("AWSServiceRoleForSupport", "/aws-service-role/support.amazonaws.com/", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"support.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	b.role("ec2-app", "/", trustService)
	_, err = c.PutRolePolicy(b.ctx, &iam.PutRolePolicyInput{RoleName: aws.String("ec2-app"), PolicyName: aws.String("admin-inline"), PolicyDocument: aws.String(adminPolicy)})
	b.must(err, "PutRolePolicy")

	_, err = c.CreateOpenIDConnectProvider(b.ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://token.actions.githubusercontent.com"),
		ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"}})
	b.must(err, "CreateOpenIDConnectProvider")
	_, err = c.UpdateAccountPasswordPolicy(b.ctx, &iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(8), RequireSymbols: true, PasswordReusePrevention: aws.Int32(5)})
	b.must(err, "UpdateAccountPasswordPolicy")

	b.trail("us-east-1", "main", true, true, true)
	b.trail("eu-west-1", "local", false, false, false)
	b.detector("us-east-1")
	b.recorder("us-east-1")
	b.securityHub("us-east-1")
	b.metricFilter("us-east-1", "cloudtrail-logs", "root-usage", `{ $.userIdentity.type = "Root" }`)
	b.instance("us-east-1", etypes.HttpTokensStateOptional)
	b.instance("eu-west-1", etypes.HttpTokensStateRequired)
	b.publicAccessBlock(false)
	b.budget("monthly")
	return b
}
