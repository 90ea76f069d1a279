package main

import (
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { plants = append(plants, plantRootCredentials, plantUserCredentials, plantDirectPolicies) }

// plantRootCredentials: dev's root (already without MFA, plant_root.go)
// also kept the access key of the account's bootstrap script and used it
// twelve days ago; security's root has only a virtual MFA app.
func plantRootCredentials(w *World) {
	dev := w.Account(Dev)
	dev.Root.AccessKeys = []snapshot.AccessKey{{Slot: 1, Active: true, Created: DaysAgo(1400), LastUsed: DaysAgo(12), LastUsedRegion: "eu-west-1", LastUsedSvc: "s3"}}
	dev.Root.ActiveAccessKeys = 1
	dev.AccountSummary["AccountAccessKeysPresent"] = 1
	w.Want("aws-root-access-keys", Dev, "", RootARN(Dev), results.Fail, "dev root has an active access key")
	w.Want("aws-root-access-keys", Prod, "", RootARN(Prod), results.Pass, "prod root has no access key")
	w.Want("aws-root-recent-use", Dev, "", RootARN(Dev), results.Fail, "dev root's key was used 12 days ago")
	w.Want("aws-root-recent-use", Prod, "", RootARN(Prod), results.Pass, "prod root last signed in 400 days ago")

	sec := w.Account(Security)
	sec.Root.MFADevices = []snapshot.MFADevice{{Serial: "arn:aws:iam::444444444444:mfa/root-account-mfa-device", Type: "virtual"}}
	w.Want("aws-root-hardware-mfa", Security, "", RootARN(Security), results.Fail, "security root has a virtual MFA app only")
	w.Want("aws-root-hardware-mfa", Dev, "", RootARN(Dev), results.Fail, "dev root has no MFA at all")
	w.Want("aws-root-hardware-mfa", Prod, "", RootARN(Prod), results.Pass, "prod root has a hardware key")
}

// plantUserCredentials: the IAM users the credential controls judge.
//   - dev/temp-contractor signs in to the console without MFA;
//   - dev/former-admin's console password was disabled (an old last sign-in
//     remains in the report): not a console user, nothing to judge;
//   - prod/ci-legacy's key is 400 days old, still used daily;
//   - prod/reporting-svc's key was created 100 days ago and never used;
//   - prod/new-integration's key is 5 days old and not used yet: not unused;
//   - prod/github-deploy has two active keys.
//
// Alice and the deploy-bot of every account are the clean counterparts.
func plantUserCredentials(w *World) {
	dev := w.Account(Dev)
	contractor := cleanHuman(Dev, "temp-contractor", 20)
	contractor.Created = DaysAgo(25)
	contractor.MFAActive = false
	contractor.MFADevices = []snapshot.MFADevice{}
	formerAdmin := cleanHuman(Dev, "former-admin", 300)
	formerAdmin.PasswordEnabled = false
	formerAdmin.PasswordLastUsed = DaysAgo(200)
	formerAdmin.MFAActive = false
	formerAdmin.MFADevices = []snapshot.MFADevice{}
	dev.Users = append(dev.Users, contractor, formerAdmin)
	w.Want("aws-console-user-mfa", Dev, "", UserARN(Dev, "temp-contractor"), results.Fail, "console password without MFA")
	w.Want("aws-console-user-mfa", Dev, "", UserARN(Dev, "alice"), results.Pass, "console user with MFA")
	w.Want("aws-console-user-mfa", Dev, "", UserARN(Dev, "former-admin"), "", "console password disabled: not a console user")
	w.Want("aws-console-user-mfa", Dev, "", UserARN(Dev, "deploy-bot"), "", "programmatic user without a password")
	w.Want("aws-credentials-unused", Dev, "", UserARN(Dev, "former-admin"), "", "no active credential left to be unused")

	prod := w.Account(Prod)
	key := func(created, lastUsed int) snapshot.AccessKey {
		k := snapshot.AccessKey{Slot: 1, Active: true, Created: DaysAgo(created)}
		if lastUsed >= 0 {
			k.LastUsed, k.LastUsedRegion, k.LastUsedSvc = DaysAgo(lastUsed), "eu-west-1", "s3"
		}
		return k
	}
	ciLegacy := deployBot(Prod)
	ciLegacy.Name, ciLegacy.ARN, ciLegacy.ID, ciLegacy.Created = "ci-legacy", UserARN(Prod, "ci-legacy"), "AIDA"+Prod+"CILEGACY", DaysAgo(900)
	ciLegacy.AccessKeys = []snapshot.AccessKey{key(400, 1)}
	reporting := deployBot(Prod)
	reporting.Name, reporting.ARN, reporting.ID, reporting.Created = "reporting-svc", UserARN(Prod, "reporting-svc"), "AIDA"+Prod+"REPORTING", DaysAgo(100)
	reporting.AccessKeys = []snapshot.AccessKey{key(100, -1)}
	newIntegration := deployBot(Prod)
	newIntegration.Name, newIntegration.ARN, newIntegration.ID, newIntegration.Created = "new-integration", UserARN(Prod, "new-integration"), "AIDA"+Prod+"NEWINTEG", DaysAgo(5)
	newIntegration.AccessKeys = []snapshot.AccessKey{key(5, -1)}
	githubDeploy := deployBot(Prod)
	githubDeploy.Name, githubDeploy.ARN, githubDeploy.ID, githubDeploy.Created = "github-deploy", UserARN(Prod, "github-deploy"), "AIDA"+Prod+"GHDEPLOY", DaysAgo(200)
	second := key(10, 1)
	second.Slot = 2
	githubDeploy.AccessKeys = []snapshot.AccessKey{key(30, 2), second}
	prod.Users = append(prod.Users, ciLegacy, reporting, newIntegration, githubDeploy)

	w.Want("aws-access-key-rotation", Prod, "", UserARN(Prod, "ci-legacy"), results.Fail, "active key 400 days old")
	w.Want("aws-access-key-rotation", Prod, "", UserARN(Prod, "reporting-svc"), results.Fail, "its never-used key is 100 days old too")
	w.Want("aws-access-key-rotation", Prod, "", UserARN(Prod, "deploy-bot"), results.Pass, "key 20 days old")
	w.Want("aws-access-key-rotation", Prod, "", UserARN(Prod, "alice"), "", "no access key to rotate")
	w.Want("aws-credentials-unused", Prod, "", UserARN(Prod, "reporting-svc"), results.Fail, "key created 100 days ago, never used")
	w.Want("aws-credentials-unused", Prod, "", UserARN(Prod, "new-integration"), results.Pass, "key 5 days old, not used yet: too new to be unused")
	w.Want("aws-credentials-unused", Prod, "", UserARN(Prod, "ci-legacy"), results.Pass, "old key, but used yesterday")
	w.Want("aws-credentials-unused", Prod, "", UserARN(Prod, "alice"), results.Pass, "signed in two days ago")
	w.Want("aws-multiple-active-keys", Prod, "", UserARN(Prod, "github-deploy"), results.Fail, "two active keys")
	w.Want("aws-multiple-active-keys", Prod, "", UserARN(Prod, "deploy-bot"), results.Pass, "one active key")

	// Any active key is a long-lived credential: every deploy-bot fails,
	// users without keys pass.
	w.Want("aws-long-lived-access-keys", Prod, "", UserARN(Prod, "deploy-bot"), results.Fail, "active access key instead of a role")
	w.Want("aws-long-lived-access-keys", Prod, "", UserARN(Prod, "alice"), results.Pass, "console user, no access key")
	w.Want("aws-long-lived-access-keys", Dev, "", UserARN(Dev, "former-admin"), results.Pass, "no access key")
}

// plantDirectPolicies: dev/data-analyst was given an inline Athena policy
// of her own instead of joining a group.
func plantDirectPolicies(w *World) {
	dev := w.Account(Dev)
	analyst := cleanHuman(Dev, "data-analyst", 40)
	analyst.InlinePolicies = []snapshot.InlinePolicy{{Name: "athena-queries", Document: Doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Action": []string{"athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults"}, "Resource": "*",
	}}})}}
	dev.Users = append(dev.Users, analyst)
	w.Want("aws-user-direct-policies", Dev, "", UserARN(Dev, "data-analyst"), results.Fail, "inline policy on the user")
	w.Want("aws-user-direct-policies", Dev, "", UserARN(Dev, "alice"), results.Pass, "permissions through the developers group only")
}
