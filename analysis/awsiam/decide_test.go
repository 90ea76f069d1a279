package awsiam

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/snapshot"
)

// The evaluator against AWS's published policy evaluation logic
// (IAM User Guide, "Policy evaluation logic", "Permissions boundaries",
// "Service control policies", "Policy variables", "Condition operators").
func TestDecide(t *testing.T) {
	allow := func(action, resource string) string {
		return `{"Effect":"Allow","Action":"` + action + `","Resource":"` + resource + `"}`
	}
	deny := func(action, resource string) string {
		return `{"Effect":"Deny","Action":"` + action + `","Resource":"` + resource + `"}`
	}
	type req struct {
		action, resource string
		keys             map[string][]string
	}
	cases := []struct {
		name     string
		kind     string // "user" (default) or "role"
		stmts    []string
		boundary []string // nil: none
		scps     [][]string
		tags     map[string]string
		req      req
		want     bool
		assumed  string // substring of an assumption, "" for none
	}{
		{name: "implicit deny without a policy", req: req{"s3:GetObject", "arn:aws:s3:::b/k", nil}},
		{name: "allow", stmts: []string{allow("s3:GetObject", "*")}, req: req{"s3:GetObject", "arn:aws:s3:::b/k", nil}, want: true},
		{name: "explicit deny wins over allow", stmts: []string{allow("s3:*", "*"), deny("s3:GetObject", "*")}, req: req{"s3:GetObject", "arn:aws:s3:::b/k", nil}},
		{name: "actions are case-insensitive", stmts: []string{allow("S3:getobject", "*")}, req: req{"s3:GetObject", "x", nil}, want: true},
		{name: "action wildcard ?", stmts: []string{allow("s3:?etObject", "*")}, req: req{"s3:GetObject", "x", nil}, want: true},
		{name: "action wildcard *", stmts: []string{allow("iam:Put*", "*")}, req: req{"iam:PutUserPolicy", "x", nil}, want: true},
		{name: "resources are case-sensitive", stmts: []string{allow("s3:GetObject", "arn:aws:s3:::B/*")}, req: req{"s3:GetObject", "arn:aws:s3:::b/k", nil}},
		{name: "resource wildcard crosses / and :", stmts: []string{allow("iam:AttachUserPolicy", "arn:aws:iam::*:user/*")}, req: req{"iam:AttachUserPolicy", arn("user", "team/a"), nil}, want: true},
		{name: "NotAction allows every other action", stmts: []string{`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`}, req: req{"ec2:RunInstances", "x", nil}, want: true},
		{name: "NotAction does not allow the listed action", stmts: []string{`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`}, req: req{"iam:PutUserPolicy", "x", nil}},
		{name: "NotResource allows every other resource", stmts: []string{`{"Effect":"Allow","Action":"iam:PutRolePolicy","NotResource":"` + arn("role", "admin") + `"}`}, req: req{"iam:PutRolePolicy", arn("role", "app"), nil}, want: true},
		{name: "NotResource excludes the listed one", stmts: []string{`{"Effect":"Allow","Action":"iam:PutRolePolicy","NotResource":"` + arn("role", "admin") + `"}`}, req: req{"iam:PutRolePolicy", arn("role", "admin"), nil}},
		{name: "a boundary intersects: allowed by both", stmts: []string{allow("*", "*")}, boundary: []string{allow("s3:*", "*")}, req: req{"s3:GetObject", "x", nil}, want: true},
		{name: "a boundary intersects: outside the boundary", stmts: []string{allow("*", "*")}, boundary: []string{allow("s3:*", "*")}, req: req{"iam:AttachRolePolicy", arn("role", "r"), nil}},
		{name: "a boundary grants nothing by itself", boundary: []string{allow("*", "*")}, req: req{"s3:GetObject", "x", nil}},
		{name: "a Deny in the boundary wins", stmts: []string{allow("*", "*")}, boundary: []string{allow("*", "*"), deny("iam:*", "*")}, req: req{"iam:PutUserPolicy", "x", nil}},
		{name: "every SCP level must allow", stmts: []string{allow("*", "*")}, scps: [][]string{{allow("*", "*")}, {allow("s3:*", "*")}}, req: req{"iam:PutUserPolicy", "x", nil}},
		{name: "SCPs allowing at every level", stmts: []string{allow("*", "*")}, scps: [][]string{{allow("*", "*")}, {allow("*", "*")}}, req: req{"iam:PutUserPolicy", "x", nil}, want: true},
		{name: "a Deny in an SCP wins", stmts: []string{allow("*", "*")}, scps: [][]string{{allow("*", "*"), deny("iam:*", "*")}}, req: req{"iam:PutUserPolicy", "x", nil}},
		{name: "${aws:username} is the user's own name", stmts: []string{allow("iam:PutUserPolicy", "arn:aws:iam::*:user/${aws:username}")}, req: req{"iam:PutUserPolicy", arn("user", "alice"), nil}, want: true},
		{name: "${aws:username} is not another user", stmts: []string{allow("iam:PutUserPolicy", "arn:aws:iam::*:user/${aws:username}")}, req: req{"iam:PutUserPolicy", arn("user", "bob"), nil}},
		{name: "${aws:username} is absent for a role", kind: "role", stmts: []string{allow("s3:GetObject", "arn:aws:s3:::b/${aws:username}/*")}, req: req{"s3:GetObject", "arn:aws:s3:::b/r/k", nil}},
		{name: "a default value fills an absent variable", kind: "role", stmts: []string{allow("s3:GetObject", "arn:aws:s3:::b/${aws:username, 'shared'}/*")}, req: req{"s3:GetObject", "arn:aws:s3:::b/shared/k", nil}, want: true},
		{name: "${aws:PrincipalTag/team}", tags: map[string]string{"team": "blue"}, stmts: []string{allow("s3:GetObject", "arn:aws:s3:::${aws:PrincipalTag/team}/*")}, req: req{"s3:GetObject", "arn:aws:s3:::blue/k", nil}, want: true},
		{name: "a variable the snapshot lacks: assumed to match on an Allow", stmts: []string{allow("s3:GetObject", "arn:aws:s3:::b/${aws:SourceIdentity}/*")}, req: req{"s3:GetObject", "arn:aws:s3:::b/x/k", nil}, want: true, assumed: "policy variable"},
		{name: "iam:PassedToService matches", stmts: []string{`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}`}, req: req{"iam:PassRole", arn("role", "r"), map[string][]string{"iam:passedtoservice": {"lambda.amazonaws.com"}}}, want: true},
		{name: "iam:PassedToService excludes another service", stmts: []string{`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}`}, req: req{"iam:PassRole", arn("role", "r"), map[string][]string{"iam:passedtoservice": {"ec2.amazonaws.com"}}}},
		{name: "condition keys are case-insensitive", stmts: []string{`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringLike":{"IAM:passedtoservice":"lambda.*"}}}`}, req: req{"iam:PassRole", arn("role", "r"), map[string][]string{"iam:passedtoservice": {"lambda.amazonaws.com"}}}, want: true},
		{name: "aws:PrincipalArn decides", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/other"}}}`}, req: req{"s3:GetObject", "x", nil}},
		{name: "aws:PrincipalAccount decides", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"` + acct + `"}}}`}, req: req{"s3:GetObject", "x", nil}, want: true},
		{name: "an undecidable condition on an Allow is assumed and said", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`}, req: req{"s3:GetObject", "x", nil}, want: true, assumed: "aws:multifactorauthpresent"},
		{name: "an undecidable condition on a Deny is not credited and said", stmts: []string{allow("s3:*", "*"), `{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`}, req: req{"s3:GetObject", "x", nil}, want: true, assumed: "not credited"},
		{name: "a negated operator is true when the key is absent", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/tier":"low"}}}`}, req: req{"s3:GetObject", "x", nil}, want: true},
		{name: "a plain operator is false when the key is absent", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/tier":"high"}}}`}, req: req{"s3:GetObject", "x", nil}},
		{name: "IfExists is true when the key is absent", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:PrincipalTag/tier":"high"}}}`}, req: req{"s3:GetObject", "x", nil}, want: true},
		{name: "Null true: key absent", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Null":{"aws:PrincipalTag/tier":"true"}}}`}, req: req{"s3:GetObject", "x", nil}, want: true},
		{name: "Null false: key absent", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Null":{"aws:PrincipalTag/tier":"false"}}}`}, req: req{"s3:GetObject", "x", nil}},
		{name: "ForAllValues is true when the key is absent", stmts: []string{`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:PrincipalTag/tier":"high"}}}`}, req: req{"s3:GetObject", "x", nil}, want: true},
		{name: "conditions in one statement are ANDed", stmts: []string{`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com","aws:PrincipalAccount":"222222222222"}}}`}, req: req{"iam:PassRole", "x", map[string][]string{"iam:passedtoservice": {"ec2.amazonaws.com"}}}},
		{name: "values of one key are ORed", stmts: []string{`{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":["ec2.amazonaws.com","lambda.amazonaws.com"]}}}`}, req: req{"iam:PassRole", "x", map[string][]string{"iam:passedtoservice": {"lambda.amazonaws.com"}}}, want: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld()
			var a string
			switch c.kind {
			case "role":
				r := w.role("r", "", c.stmts...)
				r.Tags = c.tags
				a = r.ARN
			default:
				u := w.user("alice", c.stmts...)
				u.Tags = c.tags
				a = u.ARN
			}
			if c.boundary != nil {
				b := w.policy("boundary", c.boundary...)
				for i := range w.a.Users {
					w.a.Users[i].PermissionsBoundary = b
				}
				for i := range w.a.Roles {
					w.a.Roles[i].PermissionsBoundary = b
				}
			}
			if c.scps != nil {
				w.org = &snapshot.AWSOrganization{ID: "o-exampleorg1", ManagementAccount: "999999999999",
					Accounts: []snapshot.OrgAccount{{ID: acct, Parents: []string{"r-root"}}}}
				levels := []string{"r-root", acct}
				for i, stmts := range c.scps {
					w.org.Policies = append(w.org.Policies, snapshot.OrgPolicy{Name: "scp", Type: "SERVICE_CONTROL_POLICY", Document: doc(stmts...),
						Targets: []snapshot.OrgTarget{{ID: levels[i]}}})
				}
			}
			p := w.principal(t, a)
			var keys *Context
			if c.req.keys != nil {
				keys = &Context{Known: c.req.keys}
			}
			d := p.Decide(Request{Action: c.req.action, Resource: c.req.resource, Keys: keys})
			if d.Allowed != c.want {
				t.Fatalf("allowed = %v, want %v (assumed %v)", d.Allowed, c.want, d.Assumed)
			}
			got := strings.Join(d.Assumed, "\n")
			if (c.assumed == "") != (got == "") || !strings.Contains(got, c.assumed) {
				t.Errorf("assumed %q, want one mentioning %q", got, c.assumed)
			}
		})
	}
}
