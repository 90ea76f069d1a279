package aws

import (
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// The compute a plan declares that runs as a role: whoever may change a
// function's code, a stack's template or start a build acts as that role,
// and an instance runs as the role of its instance profile. Each is named
// by its address, in the region of its provider block; what the plan does
// not declare is outside it (the IAM analysis never clears a grant that
// may reach it).

// mapFunction maps aws_lambda_function: a function running as its role.
func (b *builder) mapFunction(in tf.Instance) {
	r := b.awsRegion(in)
	name := in.After.Str("function_name")
	if name == "" || tf.UnknownAt(in.Unknown, "function_name") {
		name = in.Address
	}
	r.LambdaFunctions = append(r.LambdaFunctions, snapshot.LambdaFunction{Name: name, ARN: in.Address, Role: b.roleOf(in, "role")})
}

// mapBuildProject maps aws_codebuild_project: a project building as its
// service role.
func (b *builder) mapBuildProject(in tf.Instance) {
	r := b.awsRegion(in)
	r.CodeBuildProjects = append(r.CodeBuildProjects, snapshot.CodeBuildProject{Name: nameOf(in), ARN: in.Address, ServiceRole: b.roleOf(in, "service_role")})
}

// mapStack maps aws_cloudformation_stack: a stack changed with its service
// role (iam_role_arn), or with its caller's permissions without one.
func (b *builder) mapStack(in tf.Instance) {
	r := b.awsRegion(in)
	r.Stacks = append(r.Stacks, snapshot.CloudFormationStack{Name: nameOf(in), ARN: in.Address, RoleARN: b.roleOf(in, "iam_role_arn")})
}

// mapInstanceProfile maps aws_iam_instance_profile: the role it holds gets
// the profile, by the name aws_instance's iam_instance_profile uses.
func (b *builder) mapInstanceProfile(in tf.Instance) {
	role := b.roles[b.roleOf(in, "role")]
	if role == nil {
		return
	}
	role.InstanceProfiles = append(role.InstanceProfiles, nameOf(in))
}

// roleOf is the role attribute attr of in (a role's ARN or name) runs as:
// the plan's own role it names or refers to, by address; else the value
// as written (a role outside the plan); "" when it cannot be told.
func (b *builder) roleOf(in tf.Instance, attr string) string {
	if !tf.UnknownAt(in.Unknown, attr) {
		v := in.After.Str(attr)
		if v == "" {
			return ""
		}
		account, name := b.accountOf(in), v
		if strings.HasPrefix(v, "arn:") {
			resource, ok := ownIAM(v, account, "role/")
			if !ok {
				return v
			}
			name = lastSegment(resource)
		}
		if addr := b.byName[nameKey(account, "role/"+name)]; addr != "" && b.roles[addr] != nil && b.outsiders[addr] == nil {
			return addr
		}
		return v
	}
	addr, _ := b.m.Resolve(in, attr, "aws_iam_role")
	return addr
}
