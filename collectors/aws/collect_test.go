package aws

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/awstest"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/snapshot"
)

var twoRegions = []string{"eu-west-1", "us-east-1"}

// collectVia collects through p and returns the snapshot and its JSON.
func collectVia(t *testing.T, p *awstest.Proxy, opts Options) (*snapshot.Snapshot, []byte) {
	t.Helper()
	opts.ConfigOptions = awstest.ConfigOptions(p.URL)
	s, err := Collect(context.Background(), opts)
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	return s, buf.Bytes()
}

// motoGaps are the errors moto 5.2.1 makes the collector record for any
// world: its credential report has no root row, it does not implement
// Access Analyzer (HTTP 500), and it does not speak the RPCv2-CBOR protocol
// the CloudWatch client uses (HTTP 404). The collector must record each of
// them, never fill empty data.
func motoGaps(regions ...string) []string {
	out := []string{"123456789012//iam/GetCredentialReport/RootRowMissing"}
	for _, r := range regions {
		out = append(out,
			"123456789012/"+r+"/accessanalyzer/ListAnalyzers/HTTP500",
			"123456789012/"+r+"/cloudwatch/DescribeAlarms/HTTP404")
	}
	return out
}

func errorKeys(errs []snapshot.CollectionError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, strings.Join([]string{e.Account, e.Region, e.Service, e.Operation, e.Code}, "/"))
	}
	return out
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func findUser(a snapshot.AWSAccount, name string) *snapshot.IAMUser {
	for i := range a.Users {
		if a.Users[i].Name == name {
			return &a.Users[i]
		}
	}
	return nil
}

func findRole(a snapshot.AWSAccount, name string) *snapshot.IAMRole {
	for i := range a.Roles {
		if a.Roles[i].Name == name {
			return &a.Roles[i]
		}
	}
	return nil
}

func findRegion(a snapshot.AWSAccount, name string) *snapshot.AWSRegion {
	for i := range a.Regions {
		if a.Regions[i].Name == name {
			return &a.Regions[i]
		}
	}
	return nil
}

// The collected snapshot holds what the world builder made, and moto's
// gaps are recorded as errors, never as empty data.
func TestCollectStandardWorld(t *testing.T) {
	url := awstest.Need(t)
	awstest.StandardWorld(t, url)
	p := awstest.NewProxy(t, url)
	s, first := collectVia(t, p, testOptions("", twoRegions...))

	if s.Schema != snapshot.Schema || s.Source != snapshot.SourceAPI || !s.CollectedAt.Equal(fixedNow) {
		t.Errorf("header: schema %q source %q collected_at %v", s.Schema, s.Source, s.CollectedAt)
	}
	if got := errorKeys(s.Errors); !sameSet(got, motoGaps(twoRegions...)) {
		t.Errorf("errors:\n got %q\nwant %q", got, motoGaps(twoRegions...))
	}
	if len(s.Scopes) != 1 || s.Scopes[0].Resource != "arn:aws:iam::123456789012:root" || strings.Join(s.Scopes[0].Regions, ",") != "eu-west-1,us-east-1" {
		t.Errorf("scopes: %+v", s.Scopes)
	}
	a := s.AWS.Accounts[0]

	users := []struct {
		name            string
		password, mfa   bool
		mfaType         string
		activeKeys      int
		groups          string
		attached, inner int
	}{
		{"alice", true, true, "virtual", 0, "", 0, 1},
		{"bob", true, false, "", 2, "", 1, 0},
		{"carol", false, false, "", 1, "admins", 0, 0},
	}
	for _, want := range users {
		t.Run("user/"+want.name, func(t *testing.T) {
			u := findUser(a, want.name)
			if u == nil {
				t.Fatal("missing")
			}
			active := 0
			for _, k := range u.AccessKeys {
				if k.Active {
					active++
				}
			}
			gotType := ""
			if len(u.MFADevices) > 0 {
				gotType = u.MFADevices[0].Type
			}
			if !u.CredentialReport || u.PasswordEnabled != want.password || u.MFAActive != want.mfa || gotType != want.mfaType ||
				active != want.activeKeys || strings.Join(u.Groups, ",") != want.groups ||
				len(u.AttachedPolicies) != want.attached || len(u.InlinePolicies) != want.inner {
				t.Errorf("got %+v", *u)
			}
			if u.MFADevices == nil || u.AccessKeys == nil {
				t.Error("MFA devices and keys were collected: they must be empty lists, not nil")
			}
		})
	}
	// A document with '+', ' ' and '%' survives URL decoding.
	if doc := string(findUser(a, "alice").InlinePolicies[0].Document); !strings.Contains(doc, `bucket/a+b c%d/*`) {
		t.Errorf("inline document decoded wrongly: %s", doc)
	}

	roles := []struct {
		name, trustHas string
		serviceLinked  bool
	}{
		{"cross-account", `"AWS":"arn:aws:iam::999999999999:root"`, false},
		{"wildcard", `"AWS":"*"`, false},
		{"github-deploy", `"token.actions.githubusercontent.com:sub":"repo:example-org/*"`, false},
		{"AWSServiceRoleForSupport", `support.amazonaws.com`, true},
		{"ec2-app", `"Action":"sts:AssumeRole"`, false}, // a single string stays a string
	}
	for _, want := range roles {
		r := findRole(a, want.name)
		if r == nil {
			t.Errorf("role %s missing", want.name)
			continue
		}
		if !strings.Contains(string(r.TrustPolicy), want.trustHas) || r.ServiceLinked != want.serviceLinked || r.LastUsed == nil {
			t.Errorf("role %s: trust %s service-linked %v", want.name, r.TrustPolicy, r.ServiceLinked)
		}
	}
	if r := findRole(a, "ec2-app"); len(r.InlinePolicies) != 1 || !json.Valid(r.InlinePolicies[0].Document) {
		t.Errorf("ec2-app inline policies: %+v", r.InlinePolicies)
	}
	if len(a.Policies) != 1 || a.Policies[0].Name != "admin-all" || a.Policies[0].AttachmentCount != 2 || !strings.Contains(string(a.Policies[0].Document), `"Action":"*"`) {
		t.Errorf("managed policies: %+v", a.Policies)
	}
	// moto's report has no root row: root comes from the account summary,
	// and the gap is an error (checked above), so root-recent-use is ERROR.
	if a.Root == nil || a.Root.MFAActive || a.Root.AccessKeys != nil || a.Root.ActiveAccessKeys != 0 || a.Root.ARN != "arn:aws:iam::123456789012:root" {
		t.Errorf("root: %+v", a.Root)
	}
	if pp := a.PasswordPolicy; pp == nil || pp.MinimumLength != 8 || pp.PasswordReusePrevention != 5 || !pp.RequireSymbols {
		t.Errorf("password policy: %+v", pp)
	}
	if len(a.OIDCProviders) != 1 || a.OIDCProviders[0].URL != "https://token.actions.githubusercontent.com" || strings.Join(a.OIDCProviders[0].ClientIDs, ",") != "sts.amazonaws.com" {
		t.Errorf("OIDC providers: %+v", a.OIDCProviders)
	}
	if a.SAMLProviders == nil || len(a.SAMLProviders) != 0 {
		t.Errorf("SAML providers: %+v", a.SAMLProviders)
	}
	if pab := a.S3PublicAccessBlock; pab == nil || !pab.BlockPublicACLs || pab.BlockPublicPolicy {
		t.Errorf("public access block: %+v", pab)
	}
	if len(a.Budgets) != 1 || a.Budgets[0].Name != "monthly" {
		t.Errorf("budgets: %+v", a.Budgets)
	}

	// Trails: merged at account level, one entry each, status from the home region.
	if len(a.Trails) != 2 {
		t.Fatalf("trails: %+v", a.Trails)
	}
	for _, tr := range a.Trails {
		wantLogging := tr.Name == "main"
		if tr.IsLogging == nil || *tr.IsLogging != wantLogging || tr.MultiRegion != wantLogging || tr.LogFileValidation != wantLogging || tr.EventSelectors == nil {
			t.Errorf("trail %s: %+v", tr.Name, tr)
		}
	}

	use1, euw1 := findRegion(a, "us-east-1"), findRegion(a, "eu-west-1")
	if len(use1.GuardDutyDetectors) != 1 || use1.GuardDutyDetectors[0].Status != "ENABLED" || euw1.GuardDutyDetectors == nil || len(euw1.GuardDutyDetectors) != 0 {
		t.Errorf("guardduty: %+v / %+v", use1.GuardDutyDetectors, euw1.GuardDutyDetectors)
	}
	if len(use1.ConfigRecorders) != 1 || !use1.ConfigRecorders[0].Recording || len(euw1.ConfigRecorders) != 0 {
		t.Errorf("config: %+v / %+v", use1.ConfigRecorders, euw1.ConfigRecorders)
	}
	if use1.SecurityHub == nil || !use1.SecurityHub.Enabled || euw1.SecurityHub == nil || euw1.SecurityHub.Enabled {
		t.Errorf("security hub: %+v / %+v", use1.SecurityHub, euw1.SecurityHub)
	}
	if len(use1.MetricFilters) != 1 || use1.MetricFilters[0].MetricTransformations[0].MetricNamespace != "CISBenchmark" {
		t.Errorf("metric filters: %+v", use1.MetricFilters)
	}
	if use1.AccessAnalyzers != nil || use1.Alarms != nil {
		t.Error("access analyzers and alarms failed on moto: they must stay nil")
	}
	if len(use1.Instances) != 1 || use1.Instances[0].HTTPTokens != "optional" || len(euw1.Instances) != 1 || euw1.Instances[0].HTTPTokens != "required" {
		t.Errorf("instances: %+v / %+v", use1.Instances, euw1.Instances)
	}
	wantBuild := snapshot.CodeBuildProject{Name: "ci-build", ARN: "arn:aws:codebuild:us-east-1:123456789012:project/ci-build", ServiceRole: "arn:aws:iam::123456789012:role/ec2-app"}
	if len(use1.CodeBuildProjects) != 1 || use1.CodeBuildProjects[0] != wantBuild || euw1.CodeBuildProjects == nil || len(euw1.CodeBuildProjects) != 0 {
		t.Errorf("codebuild projects: %+v / %+v", use1.CodeBuildProjects, euw1.CodeBuildProjects)
	}

	// (c) every call on the wire is on the read-only allowlist.
	for _, c := range p.Log() {
		if !IsAllowed(c.Service, c.Operation) {
			t.Errorf("call not on the read-only allowlist: %s", c)
		}
	}

	// Two collections of the same world are byte-identical.
	_, second := collectVia(t, p, testOptions("", twoRegions...))
	if !bytes.Equal(first, second) {
		t.Errorf("two collections of the same world differ:\n%s", testutil.FirstDiff(second, first))
	}
}
