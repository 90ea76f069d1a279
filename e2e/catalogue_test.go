package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	etypes "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/rampart-sec/rampart/internal/awstest"
)

// The privilege-escalation catalogue as a moto world: one principal per
// path of the public catalogues (Rhino Security Labs, BishopFox
// iam-vulnerable, Datadog pathfinding.cloud, Pacu), each beside its
// non-escalating twins (read-only, a condition that excludes, a named
// low-privilege resource, an explicit Deny, a permissions boundary), with
// the exact verdict each must get.

const (
	acctRoot   = "arn:aws:iam::123456789012:root"
	trustAcct  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + acctRoot + `"},"Action":"sts:AssumeRole"}]}`
	adminDoc   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	readDoc    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`
	motoPrefix = "arn:aws:iam::123456789012:"
)

func trustSvc(svcs ...string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["` + strings.Join(svcs, `","`) + `"]},"Action":"sts:AssumeRole"}]}`
}

// stmts is a policy document of the given statements.
func stmts(s ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(s, ",") + `]}`
}

func allowOn(actions, resource string) string {
	return `{"Effect":"Allow","Action":["` + strings.Join(strings.Split(actions, ","), `","`) + `"],"Resource":"` + resource + `"}`
}

// worldCase is one principal and the verdict aws-privilege-escalation must
// give it ("" when it is an admin: aws-admin-policy-attached reports it).
type worldCase struct {
	kind, name, policy, want, why string
}

var catalogueWorld = []worldCase{
	// Escalating: one per path.
	{"user", "cpv", "", "FAIL", "CreatePolicyVersion on its own customer-managed policy"},
	{"user", "sdpv", "", "FAIL", "SetDefaultPolicyVersion on its own policy (other versions assumed)"},
	{"user", "attach-self", allowOn("iam:AttachUserPolicy", "*"), "FAIL", "AttachUserPolicy onto itself"},
	{"user", "attach-group", allowOn("iam:AttachGroupPolicy", "*"), "FAIL", "AttachGroupPolicy onto its group"},
	{"role", "attach-role", allowOn("iam:AttachRolePolicy", "*"), "FAIL", "AttachRolePolicy onto itself"},
	{"user", "put-self-username", allowOn("iam:PutUserPolicy", "arn:aws:iam::*:user/${aws:username}"), "FAIL", "PutUserPolicy on user/${aws:username}"},
	{"user", "put-group", allowOn("iam:PutGroupPolicy", "*"), "FAIL", "PutGroupPolicy onto its group"},
	{"role", "put-role", allowOn("iam:PutRolePolicy", "*"), "FAIL", "PutRolePolicy onto itself"},
	{"user", "create-key", allowOn("iam:CreateAccessKey", motoPrefix+"user/boss"), "FAIL", "CreateAccessKey for an admin user"},
	{"user", "create-login", allowOn("iam:CreateLoginProfile", motoPrefix+"user/boss"), "FAIL", "CreateLoginProfile for an admin without a password"},
	{"user", "update-login", allowOn("iam:UpdateLoginProfile", motoPrefix+"user/boss-console"), "FAIL", "UpdateLoginProfile of an admin without MFA"},
	{"user", "join-admins", allowOn("iam:AddUserToGroup", motoPrefix+"group/admins"), "FAIL", "AddUserToGroup into the admin group"},
	{"user", "retrust", allowOn("iam:UpdateAssumeRolePolicy", motoPrefix+"role/admin-ec2"), "FAIL", "UpdateAssumeRolePolicy of an admin role"},
	{"user", "assume-named", allowOn("sts:AssumeRole", motoPrefix+"role/admin-assumable"), "FAIL", "AssumeRole on a named admin role trusting the account"},
	{"user", "passrole-ec2", stmts(allowOn("iam:PassRole", motoPrefix+"role/admin-ec2"), allowOn("ec2:RunInstances", "*")), "FAIL", "PassRole one named admin role + RunInstances"},
	{"user", "passrole-lambda", allowOn("iam:PassRole,lambda:CreateFunction,lambda:InvokeFunction", "*"), "FAIL", "PassRole + Lambda create + invoke"},
	{"user", "passrole-lambda-esm", allowOn("iam:PassRole,lambda:CreateFunction,lambda:CreateEventSourceMapping", "*"), "FAIL", "PassRole + Lambda + event source"},
	{"user", "passrole-lambda-perm", allowOn("iam:PassRole,lambda:CreateFunction,lambda:AddPermission", "*"), "FAIL", "PassRole + Lambda + AddPermission"},
	{"user", "passrole-cfn", allowOn("iam:PassRole,cloudformation:CreateStack", "*"), "FAIL", "PassRole + CreateStack"},
	{"user", "passrole-glue", allowOn("iam:PassRole,glue:CreateDevEndpoint", "*"), "FAIL", "PassRole + Glue dev endpoint"},
	{"user", "passrole-datapipeline", allowOn("iam:PassRole,datapipeline:CreatePipeline,datapipeline:PutPipelineDefinition,datapipeline:ActivatePipeline", "*"), "FAIL", "PassRole + Data Pipeline"},
	{"user", "passrole-codebuild", allowOn("iam:PassRole,codebuild:CreateProject,codebuild:StartBuild", "*"), "FAIL", "PassRole + CodeBuild"},
	{"user", "passrole-sagemaker", allowOn("iam:PassRole,sagemaker:CreateNotebookInstance,sagemaker:CreatePresignedNotebookInstanceUrl", "*"), "FAIL", "PassRole + SageMaker notebook"},
	{"user", "passrole-ecs", allowOn("iam:PassRole,ecs:RegisterTaskDefinition,ecs:RunTask", "*"), "FAIL", "PassRole + ECS task"},
	{"user", "update-code", allowOn("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:123456789012:function:admin-fn"), "FAIL", "UpdateFunctionCode of a function running as admin"},
	{"user", "update-stack", allowOn("cloudformation:UpdateStack", "*"), "FAIL", "UpdateStack of a stack with an admin service role"},
	{"user", "start-build", allowOn("codebuild:StartBuild", "arn:aws:codebuild:us-east-1:123456789012:project/admin-build"), "FAIL", "StartBuild of a project building as admin (buildspec override)"},
	{"user", "send-command", allowOn("ssm:SendCommand", "*"), "FAIL", "SendCommand to an instance running as admin"},
	{"user", "ssh-key", allowOn("ec2-instance-connect:SendSSHPublicKey", "*"), "FAIL", "SendSSHPublicKey to an instance running as admin"},
	{"user", "multi-hop", stmts(allowOn("iam:PassRole", motoPrefix+"role/deployer"), allowOn("lambda:CreateFunction,lambda:InvokeFunction", "*")), "FAIL", "PassRole deployer to Lambda, deployer assumes admin"},
	{"user", "cpv-prefix", "", "FAIL", "CreatePolicyVersion on policy/team-* matching its own team policy"},
	{"user", "attach-admin-only", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/AdministratorAccess"}}}]}`, "FAIL", "AttachUserPolicy limited to AdministratorAccess"},
	{"role", "unbound", stmts(`{"Effect":"Allow","Action":"*","Resource":"*"}`), "FAIL", "admin identity held back by a boundary that lets it delete the boundary"},

	// Twins that do not escalate.
	{"user", "reader", allowOn("iam:Get*,iam:List*,ec2:Describe*", "*"), "PASS", "read-only"},
	{"user", "passrole-lambda-only-ec2", stmts(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}`, allowOn("ec2:RunInstances", "*")), "PASS", "PassRole only to Lambda + RunInstances"},
	{"user", "passrole-low-ec2", stmts(allowOn("iam:PassRole", motoPrefix+"role/low-ec2"), allowOn("ec2:RunInstances", "*")), "PASS", "PassRole a low role + RunInstances"},
	{"user", "assume-low", allowOn("sts:AssumeRole", motoPrefix+"role/low-assumable"), "PASS", "AssumeRole a read-only role"},
	{"user", "denied", stmts(allowOn("iam:*", "*"), `{"Effect":"Deny","Action":"iam:*","Resource":"*"}`), "PASS", "iam:* with an explicit Deny"},
	{"role", "bounded", allowOn("iam:AttachRolePolicy", "*"), "PASS", "AttachRolePolicy under an S3-only boundary"},
	{"user", "self-service", allowOn("iam:CreateAccessKey,iam:UpdateLoginProfile", "arn:aws:iam::*:user/${aws:username}"), "PASS", "credential self-service"},
	{"user", "cpv-other", "", "PASS", "CreatePolicyVersion on policy/team-* while its own policy is elsewhere"},
	{"user", "update-low-code", allowOn("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:123456789012:function:low-fn"), "PASS", "UpdateFunctionCode of a low function"},
	{"user", "update-low-stack", allowOn("cloudformation:UpdateStack", "arn:aws:cloudformation:us-east-1:123456789012:stack/low-stack/*"), "PASS", "UpdateStack of a low stack"},
	{"user", "start-low-build", allowOn("codebuild:StartBuild,codebuild:StartBuildBatch", "arn:aws:codebuild:us-east-1:123456789012:project/low-build"), "PASS", "StartBuild of a project building as a low role"},
	{"user", "login-mfa", allowOn("iam:UpdateLoginProfile", motoPrefix+"user/boss-mfa"), "PASS", "UpdateLoginProfile of an admin with MFA"},
	{"user", "attach-readonly-only", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}]}`, "PASS", "AttachUserPolicy limited to ReadOnlyAccess"},
	{"user", "key-full", allowOn("iam:CreateAccessKey", motoPrefix+"user/boss-keys"), "PASS", "CreateAccessKey for an admin who already has two keys"},
	{"user", "lambda-no-invoke", allowOn("iam:PassRole,lambda:CreateFunction", "*"), "PASS", "PassRole + CreateFunction without a way to run it"},

	// Admins: reported by aws-admin-policy-attached, not here.
	{"user", "boss", adminDoc, "", "admin"},
	{"user", "boss-console", adminDoc, "", "admin"},
	{"user", "boss-mfa", adminDoc, "", "admin"},
	{"user", "boss-keys", adminDoc, "", "admin"},
}

// buildCatalogueWorld creates the cases and the resources they act on.
func buildCatalogueWorld(t *testing.T, b *awstest.Builder) {
	ctx := context.Background()
	c := iam.NewFromConfig(b.Config("us-east-1"))
	put := func(kind, name, doc string) {
		if !strings.HasPrefix(doc, `{"Version"`) {
			doc = stmts(doc) // a single statement
		}
		var err error
		switch kind {
		case "user":
			_, err = c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &name, PolicyName: aws.String("p"), PolicyDocument: &doc})
		case "role":
			_, err = c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: &name, PolicyName: aws.String("p"), PolicyDocument: &doc})
		case "group":
			_, err = c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: &name, PolicyName: aws.String("p"), PolicyDocument: &doc})
		}
		b.Must(err, "put policy on "+kind+"/"+name)
	}
	managed := func(name, doc string) string {
		if !strings.HasPrefix(doc, `{"Version"`) {
			doc = stmts(doc)
		}
		return b.ManagedPolicy(name, doc)
	}
	attachUser := func(user, arn string) {
		_, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: &user, PolicyArn: &arn})
		b.Must(err, "AttachUserPolicy")
	}
	group := func(name, doc string, members ...string) {
		_, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: &name})
		b.Created(err, "CreateGroup "+name)
		if doc != "" {
			put("group", name, doc)
		}
		for _, m := range members {
			_, err := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: &name, UserName: &m})
			b.Must(err, "AddUserToGroup")
		}
	}
	role := func(name, trust, doc string) {
		b.Role(name, "/", trust)
		if doc != "" {
			put("role", name, doc)
		}
	}
	profile := func(name string) {
		_, err := c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: &name})
		b.Created(err, "CreateInstanceProfile "+name)
		_, err = c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: &name, RoleName: &name})
		b.Must(err, "AddRoleToInstanceProfile")
	}

	// Roles the paths lead to, and their low-privilege twins.
	role("admin-ec2", trustSvc("ec2.amazonaws.com"), adminDoc)
	profile("admin-ec2")
	role("low-ec2", trustSvc("ec2.amazonaws.com"), readDoc)
	profile("low-ec2")
	role("admin-services", trustSvc("lambda.amazonaws.com", "cloudformation.amazonaws.com", "glue.amazonaws.com", "datapipeline.amazonaws.com",
		"codebuild.amazonaws.com", "sagemaker.amazonaws.com", "ecs-tasks.amazonaws.com"), adminDoc)
	role("low-lambda", trustSvc("lambda.amazonaws.com", "cloudformation.amazonaws.com"), readDoc)
	role("admin-assumable", trustAcct, adminDoc)
	role("low-assumable", trustAcct, readDoc)
	role("deployer", trustSvc("lambda.amazonaws.com"), allowOn("sts:AssumeRole", motoPrefix+"role/admin-assumable"))

	// Admin users: boss has no password, boss-console one without MFA,
	// boss-mfa one with MFA, boss-keys two access keys.
	logins := map[string]struct {
		console, mfa bool
		keys         int
	}{"boss-console": {true, false, 0}, "boss-mfa": {true, true, 0}, "boss-keys": {false, false, 2}}
	for _, w := range catalogueWorld {
		switch w.kind {
		case "user":
			l := logins[w.name]
			b.User(w.name, l.console, l.mfa, l.keys)
		case "role":
			role(w.name, trustSvc("ec2.amazonaws.com"), "")
		}
		if w.policy != "" {
			put(w.kind, w.name, w.policy)
		}
	}

	// Policies written onto principals: their own customer-managed ones.
	attachUser("cpv", managed("cpv-own", allowOn("iam:CreatePolicyVersion", "*")))
	attachUser("sdpv", managed("sdpv-own", allowOn("iam:SetDefaultPolicyVersion", "*")))
	attachUser("cpv-prefix", managed("team-app", allowOn("iam:CreatePolicyVersion", motoPrefix+"policy/team-*")))
	attachUser("cpv-other", managed("own-other", allowOn("iam:CreatePolicyVersion", motoPrefix+"policy/team-*")))

	// Groups: the admin group, and the groups the group writers are in.
	group("admins", adminDoc)
	group("workers", readDoc, "attach-group", "put-group")

	// Boundaries.
	s3Only := managed("s3-only", allowOn("s3:*", "*"))
	_, err := c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String("bounded"), PermissionsBoundary: &s3Only})
	b.Must(err, "PutRolePermissionsBoundary")
	iamOnly := managed("boundary-admin", allowOn("iam:DeleteRolePermissionsBoundary,s3:*", "*"))
	_, err = c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String("unbound"), PermissionsBoundary: &iamOnly})
	b.Must(err, "PutRolePermissionsBoundary")

	// Compute that runs as roles.
	lc := lambda.NewFromConfig(b.Config("us-east-1"))
	for fn, r := range map[string]string{"admin-fn": "admin-services", "low-fn": "low-lambda"} {
		_, err := lc.CreateFunction(ctx, &lambda.CreateFunctionInput{FunctionName: aws.String(fn), Role: aws.String(motoPrefix + "role/" + r),
			Runtime: ltypes.RuntimePython312, Handler: aws.String("index.handler"), Code: &ltypes.FunctionCode{ZipFile: zipped(t)}})
		b.Created(err, "CreateFunction "+fn)
	}
	cf := cloudformation.NewFromConfig(b.Config("us-east-1"))
	for st, r := range map[string]string{"admin-stack": "admin-services", "low-stack": "low-lambda"} {
		_, err := cf.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String(st), RoleARN: aws.String(motoPrefix + "role/" + r),
			TemplateBody: aws.String(`{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}`)})
		b.Created(err, "CreateStack "+st)
	}
	b.BuildProject("us-east-1", "admin-build", motoPrefix+"role/admin-services")
	b.BuildProject("us-east-1", "low-build", motoPrefix+"role/low-lambda")
	b.Instance("us-east-1", etypes.HttpTokensStateRequired, "admin-ec2")
}

func zipped(t *testing.T) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("index.py")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("def handler(event, context):\n    return 1\n"))
	z.Close()
	return buf.Bytes()
}

// TestPrivilegeEscalationCatalogue scans the world with the built binary
// and checks every principal's verdict; it logs recall and false FAILs.
func TestPrivilegeEscalationCatalogue(t *testing.T) {
	url := awstest.Need(t)
	b := awstest.NewBuilder(t, url)
	buildCatalogueWorld(t, b)
	stdout, stderr, code := runRampart(t, url, "scan", "aws", "--regions", "us-east-1", "--format", "json", "--quiet",
		"--control", "aws-privilege-escalation,aws-admin-policy-attached")
	got := map[string]e2eResultWithMessage{}
	for _, r := range decodeResults(t, stdout, stderr, code) {
		got[r.Control+" "+r.Resource] = r
	}
	var escalating, found, clean, falseFails int
	for _, w := range catalogueWorld {
		arn := motoPrefix + w.kind + "/" + w.name
		r := got["aws-privilege-escalation "+arn]
		switch w.want {
		case "FAIL":
			escalating++
			if r.Status == "FAIL" {
				found++
			}
		case "PASS":
			clean++
			if r.Status == "FAIL" {
				falseFails++
			}
		case "":
			if a := got["aws-admin-policy-attached "+arn]; a.Status != "FAIL" {
				t.Errorf("%s (%s): aws-admin-policy-attached %q, want FAIL", w.name, w.why, a.Status)
			}
		}
		if r.Status != w.want {
			t.Errorf("%s %s (%s): %q, want %q: %s", w.kind, w.name, w.why, r.Status, w.want, r.Message)
		}
	}
	t.Logf("recall %d/%d escalating principals; %d false FAILs among %d non-escalating ones", found, escalating, falseFails, clean)
	// The multi-hop chain is the evidence, hop by hop.
	const chain = "user/multi-hop → iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → role/deployer → sts:AssumeRole → role/admin-assumable (admin)"
	if m := got["aws-privilege-escalation "+motoPrefix+"user/multi-hop"].Message; !strings.HasSuffix(m, chain) {
		t.Errorf("multi-hop message %q, want it to end with the chain %q", m, chain)
	}
}

type e2eResultWithMessage struct {
	Control, Status, Resource, Message string
}

func decodeResults(t *testing.T, stdout, stderr []byte, code int) []e2eResultWithMessage {
	t.Helper()
	var report struct{ Results []e2eResultWithMessage }
	if err := json.Unmarshal(stdout, &report); err != nil {
		t.Fatalf("report is not JSON (exit %d): %v\nstderr: %s", code, err, stderr)
	}
	return report.Results
}
