package policies

import (
	"context"
	"encoding/json"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
)

// largeSnapshot is one account of users × roles with the shapes real
// accounts have: groups, inline and managed policies, keys, MFA, trust
// policies of every kind, in two regions.
func largeSnapshot(users, roles int) *snapshot.Snapshot {
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

func largeSnapshotJSON(b *testing.B) []byte {
	b.Helper()
	raw, err := json.Marshal(largeSnapshot(10000, 10000))
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

// BenchmarkEvaluate10kUsers10kRoles evaluates every built-in control over
// one account of 10,000 users and 10,000 roles, from an already converted
// input: the cost of the IAM analysis and of the policies themselves.
func BenchmarkEvaluate10kUsers10kRoles(b *testing.B) {
	ctx := context.Background()
	raw := largeSnapshotJSON(b)
	snap, err := snapshot.Decode("bench.json", raw)
	if err != nil {
		b.Fatal(err)
	}
	e := builtinEngine(b)
	in, err := NewInput(snap, raw)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	cpu := cpuTime()
	for b.Loop() {
		// A fresh input each time: the IAM analysis, computed once per
		// input, is part of evaluating.
		rs, err := e.Evaluate(ctx, &Input{Snapshot: in.Snapshot, value: in.value})
		if err != nil {
			b.Fatal(err)
		}
		n = len(rs)
	}
	// CPU seconds beside wall time: on a shared machine the wall time
	// says more about the neighbours than about rampart.
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n), "results")
}

// BenchmarkDecode10kUsers10kRoles is encoding/json decoding the same
// snapshot into the model, as `rampart eval` does first.
func BenchmarkDecode10kUsers10kRoles(b *testing.B) {
	raw := largeSnapshotJSON(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := snapshot.Decode("bench.json", raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInput10kUsers10kRoles is the one conversion of the snapshot to
// an OPA value that every control then shares.
func BenchmarkInput10kUsers10kRoles(b *testing.B) {
	raw := largeSnapshotJSON(b)
	snap, err := snapshot.Decode("bench.json", raw)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := NewInput(snap, raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalysis10kUsers10kRoles is the IAM analysis alone (effective
// permissions and the escalation graph) over the same account.
func BenchmarkAnalysis10kUsers10kRoles(b *testing.B) {
	snap := largeSnapshot(10000, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		awsFacts(snap)
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkAnalysis2kUsers2kRoles is the analysis on a fifth of it, to see
// how it grows.
func BenchmarkAnalysis2kUsers2kRoles(b *testing.B) {
	snap := largeSnapshot(2000, 2000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		awsFacts(snap)
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkControl10k evaluates each built-in control alone over the
// snapshot of BenchmarkEvaluate10kUsers10kRoles (the analysis computed
// once beforehand), to find the slow ones:
// go test ./policies -bench Control10k -benchtime 1x.
func BenchmarkControl10k(b *testing.B) {
	ctx := context.Background()
	raw := largeSnapshotJSON(b)
	snap, err := snapshot.Decode("bench.json", raw)
	if err != nil {
		b.Fatal(err)
	}
	e := builtinEngine(b)
	in, err := NewInput(snap, raw)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.analysisOf(in); err != nil {
		b.Fatal(err)
	}
	for _, c := range e.applicable(snap) {
		if c.Provider != "aws" {
			continue
		}
		b.Run(c.ID, func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, err := e.evalControl(ctx, c, in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
