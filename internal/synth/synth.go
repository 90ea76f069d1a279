// Package synth builds synthetic snapshots of a chosen size for
// benchmarks: the same world for the policy engine's and the reports'
// measurements.
package synth

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// LargeAWS is one account of users × roles with the shapes real
// accounts have: groups, inline and managed policies, keys, MFA, trust
// policies of every kind, in two regions.
func LargeAWS(users, roles int) *snapshot.Snapshot {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	ago := func(d int) *time.Time { t := at.AddDate(0, 0, -d); return &t }
	doc := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	const acct = "111111111111"
	a := snapshot.AWSAccount{
		AccountID: acct, Partition: "aws",
		Root:           &snapshot.RootUser{ARN: "arn:aws:iam::" + acct + ":root", MFAActive: true, MFADevices: []snapshot.MFADevice{{Type: "hardware"}}, AccessKeys: []snapshot.AccessKey{}},
		PasswordPolicy: &snapshot.PasswordPolicy{MinimumLength: 14, PasswordReusePrevention: 24},
		SAMLProviders:  []snapshot.SAMLProvider{}, OIDCProviders: []snapshot.OIDCProvider{},
		Trails: []snapshot.Trail{}, Budgets: []snapshot.Budget{},
	}
	for g := range 50 {
		a.Groups = append(a.Groups, snapshot.IAMGroup{
			Name: fmt.Sprintf("group-%d", g), ARN: fmt.Sprintf("arn:aws:iam::%s:group/group-%d", acct, g),
			AttachedPolicies: []snapshot.AttachedPolicy{{Name: fmt.Sprintf("policy-%d", g), ARN: fmt.Sprintf("arn:aws:iam::%s:policy/policy-%d", acct, g)}},
			InlinePolicies: []snapshot.InlinePolicy{{Name: "inline", Document: doc(map[string]any{"Version": "2012-10-17", "Statement": map[string]any{
				"Effect": "Allow", "Action": []string{"s3:GetObject", "iam:PassRole", "ec2:RunInstances"}[g%3], "Resource": "*"}})}},
		})
	}
	for p := range 200 {
		actions := []any{"s3:*", []string{"ec2:Describe*", "iam:Get*"}, "iam:CreatePolicyVersion", "*", []string{"lambda:CreateFunction", "iam:PassRole"}}[p%5]
		a.Policies = append(a.Policies, snapshot.ManagedPolicy{
			Name: fmt.Sprintf("policy-%d", p), ARN: fmt.Sprintf("arn:aws:iam::%s:policy/policy-%d", acct, p), DefaultVersion: "v1",
			Document: doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": actions, "Resource": "*"}}}),
		})
	}
	for u := range users {
		user := snapshot.IAMUser{
			Name: fmt.Sprintf("user-%d", u), ARN: fmt.Sprintf("arn:aws:iam::%s:user/user-%d", acct, u), Path: "/", Created: ago(400 + u%300),
			PasswordEnabled: u%2 == 0, PasswordLastUsed: ago(u % 120), MFAActive: u%5 != 0,
			Groups:           []string{fmt.Sprintf("group-%d", u%50), fmt.Sprintf("group-%d", (u+7)%50)},
			AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{}, CredentialReport: true,
		}
		if user.MFAActive {
			user.MFADevices = []snapshot.MFADevice{{Serial: fmt.Sprintf("arn:aws:iam::%s:mfa/user-%d", acct, u), Type: "virtual"}}
		}
		if u%3 == 0 {
			user.AccessKeys = []snapshot.AccessKey{{Slot: 1, Active: true, Created: ago(u % 200), LastUsed: ago(u % 60)}}
			if u%9 == 0 {
				user.AccessKeys = append(user.AccessKeys, snapshot.AccessKey{Slot: 2, Active: true, Created: ago(10)})
			}
		}
		if u%10 == 0 {
			user.AttachedPolicies = []snapshot.AttachedPolicy{{Name: fmt.Sprintf("policy-%d", u%200), ARN: fmt.Sprintf("arn:aws:iam::%s:policy/policy-%d", acct, u%200)}}
		}
		a.Users = append(a.Users, user)
	}
	trusts := []any{
		map[string]any{"Service": "ec2.amazonaws.com"},
		map[string]any{"AWS": "arn:aws:iam::222222222222:root"},
		map[string]any{"AWS": "*"},
		map[string]any{"Federated": "arn:aws:iam::" + acct + ":oidc-provider/token.actions.githubusercontent.com"},
		map[string]any{"AWS": []string{"333333333333", "arn:aws:iam::" + acct + ":role/x"}},
	}
	for r := range roles {
		role := snapshot.IAMRole{
			Name: fmt.Sprintf("role-%d", r), ARN: fmt.Sprintf("arn:aws:iam::%s:role/role-%d", acct, r), Path: "/", Created: ago(100 + r%400),
			TrustPolicy: doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Effect": "Allow", "Principal": trusts[r%len(trusts)], "Action": "sts:AssumeRole",
				"Condition": map[string]any{"StringEquals": map[string]any{"sts:ExternalId": "x"}}}}}),
			LastUsed:         &snapshot.RoleLastUsed{Date: ago(r % 200)},
			AttachedPolicies: []snapshot.AttachedPolicy{{Name: fmt.Sprintf("policy-%d", r%200), ARN: fmt.Sprintf("arn:aws:iam::%s:policy/policy-%d", acct, r%200)}},
			InlinePolicies:   []snapshot.InlinePolicy{},
		}
		a.Roles = append(a.Roles, role)
	}
	for _, region := range []string{"eu-west-1", "us-east-1"} {
		a.Regions = append(a.Regions, snapshot.AWSRegion{Name: region, GuardDutyDetectors: []snapshot.GuardDutyDetector{{ID: "d", Status: "ENABLED"}},
			ConfigRecorders: []snapshot.ConfigRecorder{}, AccessAnalyzers: []snapshot.AccessAnalyzer{}, MetricFilters: []snapshot.MetricFilter{},
			Alarms: []snapshot.MetricAlarm{}, Instances: []snapshot.EC2Instance{}, SecurityHub: &snapshot.SecurityHub{}})
	}
	return &snapshot.Snapshot{
		Schema: snapshot.Schema, CollectedAt: at, Collector: snapshot.Collector{Name: "bench", Version: "0"}, Source: snapshot.SourceAPI,
		Scopes: []snapshot.Scope{{Provider: "aws", Account: acct, Resource: "arn:aws:iam::" + acct + ":root", Regions: []string{"eu-west-1", "us-east-1"}}},
		Errors: []snapshot.CollectionError{}, AWS: &snapshot.AWS{Accounts: []snapshot.AWSAccount{a}},
	}
}

// ScopedAWS is LargeAWS with its escalating grants scoped to name
// patterns, as real organizations scope them (iam:PassRole on
// role/app-*): the managed policies granting iam:CreatePolicyVersion
// (index i%5 == 2) or lambda:CreateFunction + iam:PassRole (i%5 == 4)
// act only on role/role-1* and policy/policy-1*. A few principals whose
// grant depends on who they are are added: users whose PassRole is
// scoped to role/${aws:username}-*, each with a role of that name that
// Lambda may assume, and users whose PassRole is conditioned on their
// aws:PrincipalTag/team.
func ScopedAWS(users, roles int) *snapshot.Snapshot {
	s := LargeAWS(users, roles)
	doc := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	a := &s.AWS.Accounts[0]
	acct := a.AccountID
	scoped := []string{"arn:aws:iam::*:role/role-1*", "arn:aws:iam::" + acct + ":policy/policy-1*"}
	for i := range a.Policies {
		if i%5 != 2 && i%5 != 4 {
			continue
		}
		actions := []any{"iam:CreatePolicyVersion", []string{"lambda:CreateFunction", "iam:PassRole"}}[i%5/4]
		a.Policies[i].Document = doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": actions, "Resource": scoped}}})
	}
	lambdaTrust := doc(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Principal": map[string]any{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}}})
	invoke := map[string]any{"Effect": "Allow", "Action": []string{"lambda:CreateFunction", "lambda:InvokeFunction"}, "Resource": "*"}
	user := func(name string, tags map[string]string, stmts ...any) snapshot.IAMUser {
		return snapshot.IAMUser{
			Name: name, ARN: "arn:aws:iam::" + acct + ":user/" + name, Path: "/", Created: a.Users[0].Created, Tags: tags,
			Groups: []string{}, AttachedPolicies: []snapshot.AttachedPolicy{}, CredentialReport: true, AccessKeys: []snapshot.AccessKey{},
			InlinePolicies: []snapshot.InlinePolicy{{Name: "deploy", Document: doc(map[string]any{"Version": "2012-10-17", "Statement": stmts})}},
		}
	}
	// Roles Lambda may assume, one admin and one not per pattern.
	for _, name := range []string{"svc-a-runner", "svc-b-runner", "role-1-lambda-admin", "role-1-lambda-reader", "role-2-lambda-admin"} {
		attached := "arn:aws:iam::" + acct + ":policy/policy-3" // "*" on "*"
		if strings.Contains(name, "reader") || name == "svc-b-runner" {
			attached = "arn:aws:iam::" + acct + ":policy/policy-0" // s3:*
		}
		a.Roles = append(a.Roles, snapshot.IAMRole{
			Name: name, ARN: "arn:aws:iam::" + acct + ":role/" + name, Path: "/", Created: a.Users[0].Created, TrustPolicy: lambdaTrust,
			AttachedPolicies: []snapshot.AttachedPolicy{{Name: attached[strings.LastIndexByte(attached, '/')+1:], ARN: attached}},
			InlinePolicies:   []snapshot.InlinePolicy{},
		})
	}
	// Roles that may pass themselves or each other to Lambda: a become
	// technique's targets holding its actor.
	for _, name := range []string{"role-1-deployer", "role-1-deployer-2"} {
		a.Roles = append(a.Roles, snapshot.IAMRole{
			Name: name, ARN: "arn:aws:iam::" + acct + ":role/" + name, Path: "/", Created: a.Users[0].Created, TrustPolicy: lambdaTrust,
			AttachedPolicies: []snapshot.AttachedPolicy{},
			InlinePolicies: []snapshot.InlinePolicy{{Name: "deploy", Document: doc(map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::" + acct + ":role/role-1-*"}, invoke}})}},
		})
	}
	self := map[string]any{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::" + acct + ":role/${aws:username}-*"}
	for _, name := range []string{"svc-a", "svc-b", "svc-c"} {
		a.Users = append(a.Users, user(name, nil, self, invoke))
	}
	team := map[string]any{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::" + acct + ":role/role-*",
		"Condition": map[string]any{"StringEquals": map[string]any{"aws:PrincipalTag/team": "red"}}}
	for i, tag := range []string{"red", "blue", "red", ""} {
		var tags map[string]string
		if tag != "" {
			tags = map[string]string{"team": tag}
		}
		a.Users = append(a.Users, user(fmt.Sprintf("team-%d", i), tags, team, invoke))
	}
	return s
}
