package awsiam

import (
	"slices"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

// A principal a Terraform plan grants to without managing it
// (snapshot.CodeOutsidePlan) is judged on what the plan grants, and says
// that the rest is unknown: the grants can make it an admin, its missing
// part keeps it from being proved not one. So does a member of a group
// outside the plan.
func TestOutsidePlanIsPartlyUnknown(t *testing.T) {
	const admin = `{"Effect":"Allow","Action":"*","Resource":"*"}`
	w := newWorld()
	alice := w.user("alice", admin)
	alice.OutsidePlan = true
	w.a.Groups = append(w.a.Groups, snapshot.IAMGroup{Name: "Administrators", ARN: arn("group", "Administrators"), OutsidePlan: true})
	dev := w.user("dev", `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)
	dev.Groups = []string{"Administrators"}
	w.user("plain", `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)
	g := w.graph(t)
	for _, tc := range []struct {
		arn     string
		admin   bool
		unknown []string
	}{
		{arn("user", "alice"), true, []string{"user alice already exists: what the plan does not give it (its other policies, groups and permissions boundary) is unknown"}},
		{arn("user", "dev"), false, []string{"group Administrators already exists: what the plan does not give it (its other policies) is unknown"}},
		{arn("group", "Administrators"), false, []string{"group Administrators already exists: what the plan does not give it (its other policies) is unknown"}},
		{arn("user", "plain"), false, nil},
	} {
		p := g.byARN[tc.arn]
		if p == nil {
			t.Fatalf("no principal %s", tc.arn)
		}
		if p.Admin() != tc.admin || !slices.Equal(p.Unknown, tc.unknown) {
			t.Errorf("%s: admin %v unknown %q, want %v %q", tc.arn, p.Admin(), p.Unknown, tc.admin, tc.unknown)
		}
	}
}

// On a plan, a grant whose targets may lie outside it leaves the principal
// undecided, unless a chain is found or its boundary rules the grant out.
func TestPlanGrantsReachingOutside(t *testing.T) {
	for _, tc := range []struct {
		name     string
		boundary bool
		unknown  []string
	}{
		{"PassRole and RunInstances with no role in the plan", false, []string{
			"iam:PassRole+ec2:RunInstances may reach targets the snapshot does not show: the plan does not show the account's other roles",
		}},
		{"the same under an S3-only boundary", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld()
			u := w.user("ci", `{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}`)
			if tc.boundary {
				u.PermissionsBoundary = w.policy("s3-only", `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)
			}
			s := w.snapshot()
			s.Source = snapshot.SourceTerraformPlan
			var f *Finding
			for _, x := range NewGraph(s).Findings() {
				if x.Principal.Name == "ci" {
					f = x
				}
			}
			if f == nil || len(f.Chain) != 0 {
				t.Fatalf("finding %+v, want one without a chain", f)
			}
			var got []string
			for _, u := range f.Unknown {
				if strings.HasPrefix(u, "iam:PassRole+ec2:RunInstances") {
					got = append(got, u)
				}
			}
			if !slices.Equal(got, tc.unknown) {
				t.Errorf("unknown %q, want %q", f.Unknown, tc.unknown)
			}
		})
	}
}

// A plan names its principals by address, but its policies name them by
// the ARN IAM will give them: a grant on that ARN reaches the planned
// principal, and a trust policy naming it lets it in.
func TestPlanPoliciesNameResourcesByARN(t *testing.T) {
	const account = "arn:aws:iam::111111111111:"
	w := newWorld()
	lambdaTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	ciTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + account + `user/ci/ci"},"Action":"sts:AssumeRole"}]}`
	fn := w.role("fn-admin", lambdaTrust, `{"Effect":"Allow","Action":"*","Resource":"*"}`)
	fn.ARN = "aws_iam_role.fn_admin"
	ops := w.role("ops", ciTrust, `{"Effect":"Allow","Action":"*","Resource":"*"}`)
	ops.ARN = "aws_iam_role.ops"
	deployer := w.user("deployer", `{"Effect":"Allow","Action":["iam:PassRole"],"Resource":"`+account+`role/fn-admin"}`,
		`{"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}`)
	deployer.ARN = "aws_iam_user.deployer"
	ci := w.user("ci", `{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"`+account+`role/ops"}`)
	ci.ARN, ci.Path = "aws_iam_user.ci", "/ci/"
	s := w.snapshot()
	s.Source = snapshot.SourceTerraformPlan
	want := map[string]string{
		"aws_iam_user.deployer": "aws_iam_user.deployer → iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → aws_iam_role.fn_admin (admin)",
		"aws_iam_user.ci":       "aws_iam_user.ci → sts:AssumeRole → aws_iam_role.ops (admin)",
	}
	for _, f := range NewGraph(s).Findings() {
		w, ok := want[f.Principal.ARN]
		if !ok {
			continue
		}
		delete(want, f.Principal.ARN)
		if got := ChainText(f.Principal, f.Chain); !strings.HasSuffix(got, w) {
			t.Errorf("%s: chain %q, want %q", f.Principal.ARN, got, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("no finding for %v", want)
	}
}
