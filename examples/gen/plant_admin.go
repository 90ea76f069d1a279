package main

import (
	"fmt"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantAdmin) }

const (
	adminCtl    = "aws-admin-policy-attached"
	hardwareCtl = "aws-privileged-user-hardware-mfa"
)

// plantAdmin: full administrator access where it does not belong — a
// deployment role nobody approved, an "admins" group whose member signs in
// with a phone app, a legacy CI user whose customer policy allows
// everything but billing (NotAction), a security admin with a hardware
// key (still a user, so still a finding), and a contained user whose
// AdministratorAccess is neutralised by a deny-all. The approved roles of
// examples/rampart.yaml (OrganizationAccountAccessRole everywhere,
// break-glass in the security account) pass.
func plantAdmin(w *World) {
	admin := snapshot.AttachedPolicy{Name: "AdministratorAccess", ARN: adminPolicyARN}

	// A role the deployment pipeline grew into; not in aws.admin_roles.
	prod := w.Account(Prod)
	deployAdmin := cleanRole(Prod, "deploy-admin", trustAccount(Prod), adminPolicyARN, "AdministratorAccess")
	prod.Roles = append(prod.Roles, deployAdmin)
	w.Want(adminCtl, Prod, "", deployAdmin.ARN, results.Fail, "AdministratorAccess on a role not in aws.admin_roles")
	w.Want("aws-privilege-escalation", Prod, "", deployAdmin.ARN, "", "already full admin: reported by aws-admin-policy-attached")

	// The approved ones.
	w.Want(adminCtl, Management, "", RoleARN(Management, orgAccessRole), results.Pass, "approved by arn:aws:iam::*:role/OrganizationAccountAccessRole")
	sec := w.Account(Security)
	breakGlass := cleanRole(Security, "break-glass", trustAccount(Security), adminPolicyARN, "AdministratorAccess")
	breakGlass.LastUsed = &snapshot.RoleLastUsed{Date: DaysAgo(60), Region: "us-east-1"}
	sec.Roles = append(sec.Roles, breakGlass)
	w.Want(adminCtl, Security, "", breakGlass.ARN, results.Pass, "approved by its exact ARN")

	// An admins group in the management account; its member has only a
	// virtual MFA device.
	mgmt := w.Account(Management)
	mgmt.Groups = append(mgmt.Groups, snapshot.IAMGroup{
		Name: "admins", ARN: fmt.Sprintf("arn:aws:iam::%s:group/admins", Management), ID: "AGPA" + Management + "ADM", Path: "/", Created: DaysAgo(900),
		AttachedPolicies: []snapshot.AttachedPolicy{admin}, InlinePolicies: []snapshot.InlinePolicy{},
	})
	opsAdmin := cleanHuman(Management, "ops-admin", 40)
	opsAdmin.Groups = []string{"admins"}
	mgmt.Users = append(mgmt.Users, opsAdmin)
	w.Want(adminCtl, Management, "", fmt.Sprintf("arn:aws:iam::%s:group/admins", Management), results.Fail, "group holds AdministratorAccess")
	w.Want(adminCtl, Management, "", opsAdmin.ARN, results.Fail, "admin through the admins group")
	w.Want(hardwareCtl, Management, "", opsAdmin.ARN, results.Fail, "admin with only a virtual MFA device")

	// The security team's admin: a hardware key, but a user with full
	// admin is still not an approved role.
	secAdmin := cleanHuman(Security, "sec-admin", 20)
	secAdmin.Groups = []string{}
	secAdmin.AttachedPolicies = []snapshot.AttachedPolicy{admin}
	secAdmin.MFADevices = []snapshot.MFADevice{{Serial: fmt.Sprintf("arn:aws:iam::%s:u2f/user/sec-admin/fido-1", Security), Type: "hardware"}}
	sec.Users = append(sec.Users, secAdmin)
	w.Want(adminCtl, Security, "", secAdmin.ARN, results.Fail, "users cannot be approved admins")
	w.Want(hardwareCtl, Security, "", secAdmin.ARN, results.Pass, "admin with a FIDO security key")

	// A CI user whose customer-managed policy allows everything but
	// billing: NotAction excluding no IAM action is full admin. It has a
	// key and no MFA at all.
	dev := w.Account(Dev)
	legacyPolicy := PolicyARN(Dev, "legacy-full-access")
	dev.Policies = append(dev.Policies, snapshot.ManagedPolicy{
		Name: "legacy-full-access", ARN: legacyPolicy, ID: "ANPA" + Dev + "LEGACY", Path: "/", DefaultVersion: "v3", AttachmentCount: 1,
		Created: DaysAgo(1100), Updated: DaysAgo(500),
		Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
			"Effect": "Allow", "NotAction": []string{"aws-portal:*", "budgets:*"}, "Resource": "*",
		}}}),
	})
	ciLegacy := deployBot(Dev)
	ciLegacy.Name, ciLegacy.ARN, ciLegacy.ID = "ci-legacy", UserARN(Dev, "ci-legacy"), "AIDA"+Dev+"CILEGACY"
	ciLegacy.Groups = []string{}
	ciLegacy.AttachedPolicies = []snapshot.AttachedPolicy{{Name: "legacy-full-access", ARN: legacyPolicy}}
	dev.Users = append(dev.Users, ciLegacy)
	w.Want(adminCtl, Dev, "", ciLegacy.ARN, results.Fail, "NotAction [aws-portal:*, budgets:*] on * is full admin")
	w.Want(hardwareCtl, Dev, "", ciLegacy.ARN, results.Fail, "admin with no MFA device at all")

	// Contained after a suspected compromise: the responder's deny-all
	// inline policy neutralises AdministratorAccess.
	contained := cleanHuman(Prod, "contained-user", 50)
	contained.Groups = []string{}
	contained.AttachedPolicies = []snapshot.AttachedPolicy{admin}
	contained.InlinePolicies = []snapshot.InlinePolicy{{Name: "deny-all", Document: Doc(map[string]any{
		"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Deny", "Action": "*", "Resource": "*"}},
	})}}
	prod.Users = append(prod.Users, contained)
	w.Want(adminCtl, Prod, "", contained.ARN, results.Pass, "AdministratorAccess neutralised by an unconditional deny-all")
	w.Want(hardwareCtl, Prod, "", contained.ARN, "", "not an admin: not evaluated")
	w.Want(hardwareCtl, Prod, "", UserARN(Prod, "alice"), "", "read-only developer: not evaluated")
	w.Want(adminCtl, Prod, "", UserARN(Prod, "alice"), results.Pass, "read-only through developers")
}
