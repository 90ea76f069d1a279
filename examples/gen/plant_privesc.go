package main

import (
	"fmt"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantPrivesc) }

const privescCtl = "aws-privilege-escalation"

// plantPrivesc: principals that are not admins but can make themselves
// one — a user who may publish new versions of any policy, a build role
// that can pass any role to an instance it launches, helpdesk users whose
// group may write inline policies on anyone, and an operations role whose
// NotAction grant leaves IAM writes in, and a power user whose NotAction
// iam:* leaves sts:AssumeRole on * in — beside a self-service user and a
// read-only developer who cannot.
func plantPrivesc(w *World) {
	dev := w.Account(Dev)
	inline := func(name string, statements ...map[string]any) []snapshot.InlinePolicy {
		list := make([]any, len(statements))
		for i, s := range statements {
			list[i] = s
		}
		return []snapshot.InlinePolicy{{Name: name, Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": list})}}
	}
	allow := func(actions any, resource any) map[string]any {
		return map[string]any{"Effect": "Allow", "Action": actions, "Resource": resource}
	}

	// iam:CreatePolicyVersion on * through a customer-managed policy.
	versioning := PolicyARN(Dev, "policy-versioning")
	dev.Policies = append(dev.Policies, snapshot.ManagedPolicy{
		Name: "policy-versioning", ARN: versioning, ID: "ANPA" + Dev + "VERSIONING", Path: "/", DefaultVersion: "v1", AttachmentCount: 1,
		Created: DaysAgo(300), Updated: DaysAgo(300),
		Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{
			allow([]string{"iam:CreatePolicyVersion", "iam:GetPolicy", "iam:ListPolicyVersions"}, "*"),
		}}),
	})
	editor := cleanHuman(Dev, "policy-editor", 25)
	editor.AttachedPolicies = []snapshot.AttachedPolicy{{Name: "policy-versioning", ARN: versioning}}
	dev.Users = append(dev.Users, editor)
	w.Want(privescCtl, Dev, "", editor.ARN, results.Fail, "iam:CreatePolicyVersion on *: rewrite any policy it holds")

	// A build role that may pass any role to EC2 and launch instances.
	runner := cleanRole(Dev, "build-runner", trustService("codebuild.amazonaws.com"), readOnlyPolicyARN, "ReadOnlyAccess")
	runner.InlinePolicies = inline("launch-test-instances",
		allow("iam:PassRole", fmt.Sprintf("arn:aws:iam::%s:role/*", Dev)),
		allow([]string{"ec2:RunInstances", "ec2:CreateTags"}, "*"),
	)
	dev.Roles = append(dev.Roles, runner)
	// Judged against the roles that exist: the only role EC2 may assume in
	// the dev account (app-instance) is read-only, so passing it gains
	// nothing.
	w.Want(privescCtl, Dev, "", runner.ARN, results.Pass, "iam:PassRole on role/* with ec2:RunInstances, but the only role EC2 may assume is read-only")

	// Helpdesk: the group's inline policy grants iam:Put* on everything.
	dev.Groups = append(dev.Groups, snapshot.IAMGroup{
		Name: "iam-helpers", ARN: fmt.Sprintf("arn:aws:iam::%s:group/iam-helpers", Dev), ID: "AGPA" + Dev + "HELP", Path: "/", Created: DaysAgo(500),
		AttachedPolicies: []snapshot.AttachedPolicy{},
		InlinePolicies:   inline("fix-permissions", allow([]string{"iam:Put*", "iam:Get*", "iam:List*"}, "*")),
	})
	helpdesk := cleanHuman(Dev, "helpdesk", 35)
	helpdesk.Groups = []string{"developers", "iam-helpers"}
	dev.Users = append(dev.Users, helpdesk)
	w.Want(privescCtl, Dev, "", helpdesk.ARN, results.Fail, "iam:Put* through the iam-helpers group's inline policy")
	w.Want("aws-admin-policy-attached", Dev, "", fmt.Sprintf("arn:aws:iam::%s:group/iam-helpers", Dev), results.Pass, "iam:Put* is not * on *")

	// Operations: everything except deleting IAM things and Organizations
	// — NotAction leaves iam:AttachRolePolicy and the rest in.
	prod := w.Account(Prod)
	ops := cleanRole(Prod, "platform-ops", trustAccount(Prod), readOnlyPolicyARN, "ReadOnlyAccess")
	ops.InlinePolicies = inline("ops-everything", map[string]any{
		"Effect": "Allow", "NotAction": []string{"iam:Delete*", "organizations:*"}, "Resource": "*",
	})
	prod.Roles = append(prod.Roles, ops)
	w.Want(privescCtl, Prod, "", ops.ARN, results.Fail, "NotAction [iam:Delete*, organizations:*] still grants iam:AttachRolePolicy")
	w.Want("aws-admin-policy-attached", Prod, "", ops.ARN, results.Pass, "NotAction excludes IAM actions: not full admin")

	// Clean beside them: self-service on one's own credentials.
	self := cleanHuman(Dev, "self-service", 15)
	self.InlinePolicies = inline("manage-own-credentials", allow(
		[]string{"iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:UpdateLoginProfile", "iam:EnableMFADevice"},
		fmt.Sprintf("arn:aws:iam::%s:user/${aws:username}", Dev),
	))
	dev.Users = append(dev.Users, self)
	w.Want(privescCtl, Dev, "", self.ARN, results.Pass, "credential self-service on user/${aws:username} only")
	w.Want(privescCtl, Dev, "", UserARN(Dev, "alice"), results.Pass, "read-only developer")

	// The shape of AWS's PowerUserAccess: no IAM, so no IAM writes and no
	// PassRole, but sts:AssumeRole on * is left in, and every role that
	// trusts the account root can be assumed from it (role chaining) —
	// here only read-only ones: the organization's access role trusts the
	// management account, not the dev account.
	power := cleanRole(Dev, "power-user", trustAccount(Dev), readOnlyPolicyARN, "ReadOnlyAccess")
	power.InlinePolicies = inline("power-user", map[string]any{
		"Effect": "Allow", "NotAction": []string{"iam:*", "organizations:*", "account:*"}, "Resource": "*",
	})
	dev.Roles = append(dev.Roles, power)
	w.Want(privescCtl, Dev, "", power.ARN, results.Pass, "sts:AssumeRole on * reaches only read-only roles trusting the dev account")
}
