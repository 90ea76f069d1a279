package awsiam

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

func trustService(svc string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + svc + `"},"Action":"sts:AssumeRole"}]}`
}

const trustAccount = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`

const adminStmt = `{"Effect":"Allow","Action":"*","Resource":"*"}`

func allowS(actions, resource string) string {
	list := `"` + strings.Join(strings.Split(actions, ","), `","`) + `"`
	return `{"Effect":"Allow","Action":[` + list + `],"Resource":"` + resource + `"}`
}

// The escalation graph on small worlds: which principal reaches admin,
// by which chain of techniques, and which does not (the twins).
func TestGraph(t *testing.T) {
	cases := []struct {
		name  string
		build func(w *world)
		actor string
		want  string // the chain's techniques joined by " > ", "" for none
		text  string // substring of the chain text
	}{
		{name: "put-user-policy on ${aws:username} writes onto oneself", actor: "user/dev", want: "put-user-policy", text: "user/dev → iam:PutUserPolicy → itself (admin)",
			build: func(w *world) { w.user("dev", allowS("iam:PutUserPolicy", "arn:aws:iam::*:user/${aws:username}")) }},
		{name: "self-service keys on ${aws:username} are not escalation", actor: "user/dev",
			build: func(w *world) {
				w.user("dev", allowS("iam:CreateAccessKey,iam:UpdateLoginProfile", "arn:aws:iam::*:user/${aws:username}"))
			}},
		{name: "create-policy-version on a named prefix matching its own policy", actor: "user/dev", want: "create-policy-version",
			build: func(w *world) {
				p := w.policy("team-dev", allowS("iam:CreatePolicyVersion", arn("policy", "team-*")))
				u := w.user("dev")
				u.AttachedPolicies = []snapshot.AttachedPolicy{{Name: "team-dev", ARN: p}}
			}},
		{name: "create-policy-version on a prefix that matches no policy of its own", actor: "user/dev",
			build: func(w *world) {
				p := w.policy("own", allowS("iam:CreatePolicyVersion", arn("policy", "team-*")))
				u := w.user("dev")
				u.AttachedPolicies = []snapshot.AttachedPolicy{{Name: "own", ARN: p}}
			}},
		{name: "passrole on one named admin role + ec2:RunInstances", actor: "user/ci", want: "passrole-ec2", text: "user/ci → iam:PassRole+ec2:RunInstances → role/admin (admin)",
			build: func(w *world) {
				r := w.role("admin", trustService("ec2.amazonaws.com"), adminStmt)
				r.InstanceProfiles = []string{arn("instance-profile", "admin")}
				w.user("ci", allowS("iam:PassRole", arn("role", "admin")), allowS("ec2:RunInstances", "*"))
			}},
		{name: "passrole of a role in no instance profile + ec2:RunInstances", actor: "user/ci",
			build: func(w *world) {
				w.role("admin", trustService("ec2.amazonaws.com"), adminStmt)
				w.user("ci", allowS("iam:PassRole", arn("role", "admin")), allowS("ec2:RunInstances", "*"))
			}},
		{name: "passrole restricted to Lambda + ec2:RunInstances", actor: "user/ci",
			build: func(w *world) {
				r := w.role("admin", trustService("ec2.amazonaws.com"), adminStmt)
				r.InstanceProfiles = []string{arn("instance-profile", "admin")}
				w.user("ci", `{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}`, allowS("ec2:RunInstances", "*"))
			}},
		{name: "sts:AssumeRole on a named admin role trusting the account", actor: "user/ops", want: "assume-role",
			build: func(w *world) {
				w.role("admin", trustAccount, adminStmt)
				w.user("ops", allowS("sts:AssumeRole", arn("role", "admin")))
			}},
		{name: "sts:AssumeRole on an admin role whose trust policy is unknown (a plan's, until apply)", actor: "user/ops", want: "assume-role",
			build: func(w *world) {
				r := w.role("admin", "", adminStmt)
				r.TrustPolicy, r.TrustPolicyError = nil, "assume_role_policy of aws_iam_role.admin is unknown until apply"
				w.user("ops", allowS("sts:AssumeRole", "*"))
			}},
		{name: "an unknown trust policy lets in no one without sts:AssumeRole", actor: "user/ops",
			build: func(w *world) {
				r := w.role("admin", "", adminStmt)
				r.TrustPolicy, r.TrustPolicyError = nil, "assume_role_policy of aws_iam_role.admin is unknown until apply"
				w.user("ops", allowS("s3:GetObject", "*"))
			}},
		{name: "sts:AssumeRole on a role whose trust names someone else", actor: "user/ops",
			build: func(w *world) {
				w.role("admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+arn("user", "other")+`"},"Action":"sts:AssumeRole"}]}`, adminStmt)
				w.user("ops", allowS("sts:AssumeRole", "*"))
			}},
		{name: "a trust policy naming the user needs no identity permission", actor: "user/ops", want: "assume-role",
			build: func(w *world) {
				w.role("admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+arn("user", "ops")+`"},"Action":"sts:AssumeRole"}]}`, adminStmt)
				w.user("ops")
			}},
		{name: "multi-hop: passrole to Lambda, then assume the admin role", actor: "user/ci", want: "passrole-lambda-invoke > assume-role",
			text: "user/ci → iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → role/deployer → sts:AssumeRole → role/admin (admin)",
			build: func(w *world) {
				w.role("admin", trustAccount, adminStmt)
				w.role("deployer", trustService("lambda.amazonaws.com"), allowS("sts:AssumeRole", arn("role", "admin")))
				w.user("ci", allowS("iam:PassRole,lambda:CreateFunction,lambda:InvokeFunction", "*"))
			}},
		{name: "a permissions boundary holds attach-role-policy back", actor: "role/app",
			build: func(w *world) {
				b := w.policy("s3-only", allowS("s3:*", "*"))
				r := w.role("app", "", allowS("iam:AttachRolePolicy", "*"))
				r.PermissionsBoundary = b
			}},
		{name: "an explicit Deny removes the grant", actor: "user/dev",
			build: func(w *world) {
				w.user("dev", allowS("iam:*", "*"), `{"Effect":"Deny","Action":"iam:*","Resource":"*"}`)
			}},
		{name: "read-only", actor: "user/dev", build: func(w *world) { w.user("dev", allowS("iam:Get*,iam:List*", "*")) }},
		{name: "update the code of a function running as admin", actor: "user/dev", want: "lambda-update-function-code",
			build: func(w *world) {
				w.role("fn-admin", trustService("lambda.amazonaws.com"), adminStmt)
				w.user("dev", allowS("lambda:UpdateFunctionCode", "*"))
				w.a.Regions = []snapshot.AWSRegion{{Name: "us-east-1", LambdaFunctions: []snapshot.LambdaFunction{{Name: "f", ARN: "arn:aws:lambda:us-east-1:111111111111:function:f", Role: arn("role", "fn-admin")}}}}
			}},
		{name: "update the code of a function running as a low role", actor: "user/dev",
			build: func(w *world) {
				w.role("fn-low", trustService("lambda.amazonaws.com"), allowS("s3:GetObject", "*"))
				w.user("dev", allowS("lambda:UpdateFunctionCode", "*"))
				w.a.Regions = []snapshot.AWSRegion{{Name: "us-east-1", LambdaFunctions: []snapshot.LambdaFunction{{Name: "f", ARN: "arn:aws:lambda:us-east-1:111111111111:function:f", Role: arn("role", "fn-low")}}}}
			}},
		{name: "ssm:SendCommand to an instance running as admin", actor: "user/dev", want: "ssm-send-command",
			build: func(w *world) {
				r := w.role("box", trustService("ec2.amazonaws.com"), adminStmt)
				r.InstanceProfiles = []string{arn("instance-profile", "box")}
				w.user("dev", allowS("ssm:SendCommand", "*"))
				w.a.Regions = []snapshot.AWSRegion{{Name: "us-east-1", Instances: []snapshot.EC2Instance{{ID: "i-1", ARN: "arn:aws:ec2:us-east-1:111111111111:instance/i-1", State: "running", InstanceProfileARN: arn("instance-profile", "box")}}}}
			}},
		{name: "update a stack whose service role is admin", actor: "user/dev", want: "cloudformation-update-stack",
			build: func(w *world) {
				w.role("cfn", trustService("cloudformation.amazonaws.com"), adminStmt)
				w.user("dev", allowS("cloudformation:UpdateStack", "*"))
				w.a.Regions = []snapshot.AWSRegion{{Name: "us-east-1", Stacks: []snapshot.CloudFormationStack{{Name: "s", ARN: "arn:aws:cloudformation:us-east-1:111111111111:stack/s/1", Status: "CREATE_COMPLETE", RoleARN: arn("role", "cfn")}}}}
			}},
		{name: "start a build of a project whose service role is admin", actor: "user/dev", want: "codebuild-start-build",
			text: "codebuild:StartBuild",
			build: func(w *world) {
				w.role("builder", trustService("codebuild.amazonaws.com"), adminStmt)
				w.user("dev", allowS("codebuild:StartBuild", "arn:aws:codebuild:us-east-1:111111111111:project/release"))
				w.a.Regions = []snapshot.AWSRegion{{Name: "us-east-1", CodeBuildProjects: []snapshot.CodeBuildProject{{Name: "release", ARN: "arn:aws:codebuild:us-east-1:111111111111:project/release", ServiceRole: arn("role", "builder")}}}}
			}},
		{name: "start a build of a low project only, beside an admin one", actor: "user/dev",
			build: func(w *world) {
				w.role("builder", trustService("codebuild.amazonaws.com"), adminStmt)
				w.role("low-builder", trustService("codebuild.amazonaws.com"), allowS("s3:GetObject", "*"))
				w.user("dev", allowS("codebuild:StartBuild,codebuild:StartBuildBatch", "arn:aws:codebuild:us-east-1:111111111111:project/lint"))
				w.a.Regions = []snapshot.AWSRegion{{Name: "us-east-1", CodeBuildProjects: []snapshot.CodeBuildProject{
					{Name: "release", ARN: "arn:aws:codebuild:us-east-1:111111111111:project/release", ServiceRole: arn("role", "builder")},
					{Name: "lint", ARN: "arn:aws:codebuild:us-east-1:111111111111:project/lint", ServiceRole: arn("role", "low-builder")},
				}}}
			}},
		{name: "two branches: one role empowers another the user can also assume", actor: "user/u", want: "assume-role > attach-role-policy > assume-role",
			build: func(w *world) {
				w.role("a", trustAccount, allowS("iam:AttachRolePolicy", arn("role", "b")))
				w.role("b", trustAccount, allowS("s3:GetObject", "*"))
				w.user("u", allowS("sts:AssumeRole", "*"))
			}},
		{name: "create-access-key on an admin user with room for a key", actor: "user/dev", want: "create-access-key",
			build: func(w *world) {
				w.user("boss", adminStmt)
				w.user("dev", allowS("iam:CreateAccessKey", "*"))
			}},
		{name: "create-access-key on an admin user who has two keys", actor: "user/dev",
			build: func(w *world) {
				b := w.user("boss", adminStmt)
				b.AccessKeys = []snapshot.AccessKey{{Slot: 1, Active: true}, {Slot: 2}}
				w.user("dev", allowS("iam:CreateAccessKey", "*"))
			}},
		{name: "update-login-profile of an admin user with MFA", actor: "user/dev",
			build: func(w *world) {
				b := w.user("boss", adminStmt)
				b.PasswordEnabled, b.MFAActive = true, true
				w.user("dev", allowS("iam:UpdateLoginProfile", "*"))
			}},
		{name: "add-user-to-group into an admin group", actor: "user/dev", want: "add-user-to-group",
			build: func(w *world) {
				w.a.Groups = append(w.a.Groups, snapshot.IAMGroup{Name: "admins", ARN: arn("group", "admins"), InlinePolicies: inline(adminStmt)})
				w.user("dev", allowS("iam:AddUserToGroup", "*"))
			}},
		{name: "attach-user-policy limited by iam:PolicyARN to a read-only policy", actor: "user/dev",
			build: func(w *world) {
				w.user("dev", `{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}`)
			}},
		{name: "attach-user-policy allowing AdministratorAccess", actor: "user/dev", want: "attach-user-policy",
			build: func(w *world) {
				w.user("dev", `{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/AdministratorAccess"}}}`)
			}},
		{name: "delete its own permissions boundary over an admin identity", actor: "role/app", want: "delete-role-permissions-boundary",
			build: func(w *world) {
				b := w.policy("iam-only", allowS("iam:*", "*"))
				r := w.role("app", "", adminStmt)
				r.PermissionsBoundary = b
			}},
		// IAM answers in us-east-1: a grant limited to another region
		// never applies to an IAM call.
		{name: "put-user-policy limited to eu-west-1 by aws:RequestedRegion", actor: "user/dev",
			build: func(w *world) {
				w.user("dev", `{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`)
			}},
		{name: "attach-user-policy on NotResource of someone else", actor: "user/dev", want: "attach-user-policy",
			build: func(w *world) {
				w.user("dev", `{"Effect":"Allow","Action":"iam:AttachUserPolicy","NotResource":"`+arn("user", "admin")+`"}`)
			}},
		{name: "put-user-policy on users named by the principal's own tag", actor: "user/dev", want: "put-user-policy",
			build: func(w *world) {
				u := w.user("dev", allowS("iam:PutUserPolicy", "arn:aws:iam::111111111111:user/${aws:PrincipalTag/team}*"))
				u.Tags = map[string]string{"team": "dev"}
			}},
		{name: "put-user-policy on users of another team's tag", actor: "user/dev",
			build: func(w *world) {
				u := w.user("dev", allowS("iam:PutUserPolicy", "arn:aws:iam::111111111111:user/${aws:PrincipalTag/team}*"))
				u.Tags = map[string]string{"team": "ops"}
			}},
		{name: "passrole with StringEqualsIfExists iam:PassedToService of EC2, to Lambda", actor: "user/ci",
			build: func(w *world) {
				w.role("admin", trustService("lambda.amazonaws.com"), adminStmt)
				w.user("ci", `{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEqualsIfExists":{"iam:PassedToService":"ec2.amazonaws.com"}}}`,
					allowS("lambda:CreateFunction,lambda:InvokeFunction", "*"))
			}},
		{name: "passrole with StringNotEquals iam:PassedToService of EC2, to Lambda", actor: "user/ci", want: "passrole-lambda-invoke",
			build: func(w *world) {
				w.role("admin", trustService("lambda.amazonaws.com"), adminStmt)
				w.user("ci", `{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringNotEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}`,
					allowS("lambda:CreateFunction,lambda:InvokeFunction", "*"))
			}},
		{name: "a Deny without MFA leaves the path open with MFA", actor: "user/dev", want: "put-user-policy",
			build: func(w *world) {
				w.user("dev", allowS("iam:PutUserPolicy", "*"), `{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`)
			}},
		{name: "a trust that denies all but another principal (NotPrincipal)", actor: "user/ops",
			build: func(w *world) {
				w.role("admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"},`+
					`{"Effect":"Deny","NotPrincipal":{"AWS":"`+arn("user", "boss")+`"},"Action":"sts:AssumeRole"}]}`, adminStmt)
				w.user("ops", allowS("sts:AssumeRole", "*"))
			}},
		{name: "create-access-key for an admin with two keys, one inactive", actor: "user/dev",
			build: func(w *world) {
				b := w.user("boss", adminStmt)
				b.AccessKeys = []snapshot.AccessKey{{Slot: 1, Active: true}, {Slot: 2, Active: false}}
				w.user("dev", allowS("iam:CreateAccessKey", arn("user", "boss")))
			}},
		{name: "put-role-policy on a role it cannot become", actor: "user/dev",
			build: func(w *world) {
				w.role("app", "")
				w.user("dev", allowS("iam:PutRolePolicy", arn("role", "app")))
			}},
		{name: "put-role-policy on a role it can then assume", actor: "user/dev", want: "put-role-policy > assume-role",
			build: func(w *world) {
				w.role("app", trustAccount)
				w.user("dev", allowS("iam:PutRolePolicy,sts:AssumeRole", arn("role", "app")))
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld()
			c.build(w)
			g := w.graph(t)
			kind, name, _ := strings.Cut(c.actor, "/")
			var f *Finding
			for _, x := range g.Findings() {
				if x.Principal.Kind == kind && x.Principal.Name == name {
					f = x
				}
			}
			if f == nil {
				t.Fatalf("no finding for %s", c.actor)
			}
			got := strings.Join(techniques(f.Chain), " > ")
			if got != c.want {
				b, _ := json.MarshalIndent(f.Chain, "", " ")
				t.Fatalf("chain %q, want %q\n%s", got, c.want, b)
			}
			if c.text != "" {
				if txt := ChainText(f.Principal, f.Chain); !strings.Contains(txt, c.text) {
					t.Errorf("chain text %q, want it to contain %q", txt, c.text)
				}
			}
		})
	}
}

// A principal that may start builds, in an account whose CodeBuild
// projects were not listed, cannot be cleared: the analysis says which
// compute it may reach, so the control reports ERROR, not PASS.
func TestBuildProjectsNotCollected(t *testing.T) {
	w := newWorld()
	w.user("dev", allowS("codebuild:StartBuild", "*"))
	w.a.Regions = []snapshot.AWSRegion{{Name: "us-east-1", LambdaFunctions: []snapshot.LambdaFunction{}, Stacks: []snapshot.CloudFormationStack{}, Instances: []snapshot.EC2Instance{}}}
	var f *Finding
	for _, x := range w.graph(t).Findings() {
		if x.Principal.Name == "dev" {
			f = x
		}
	}
	want := "codebuild:StartBuild may reach targets the snapshot does not show: CodeBuild projects of us-east-1 were not collected"
	if f == nil || len(f.Chain) != 0 || !slices.Contains(f.Unknown, want) {
		t.Fatalf("finding %+v, want no chain and unknown %q", f, want)
	}
}
