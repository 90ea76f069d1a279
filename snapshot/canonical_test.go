package snapshot

import (
	"bytes"
	"testing"
)

// shuffled is a snapshot whose every list is out of order, with two
// inline policies of the same name to show the sort is stable.
func shuffled() *Snapshot {
	return &Snapshot{
		Schema: Schema, Source: SourceAPI,
		Scopes: []Scope{{Provider: "aws", Account: "222222222222"}, {Provider: "aws", Account: "111111111111"}},
		Errors: []CollectionError{},
		AWS: &AWS{
			Accounts: []AWSAccount{
				{AccountID: "222222222222", Partition: "aws"},
				{AccountID: "111111111111", Partition: "aws",
					Root: &RootUser{MFADevices: []MFADevice{{Type: "virtual", Serial: "b"}, {Type: "hardware", Serial: "z"}, {Type: "virtual", Serial: "a"}}},
					Users: []IAMUser{
						{ARN: "u/b", Groups: []string{"z", "a"}, AttachedPolicies: []AttachedPolicy{{ARN: "p/2"}, {ARN: "p/1"}},
							InlinePolicies: []InlinePolicy{{Name: "y", DocumentError: "first"}, {Name: "x"}, {Name: "y", DocumentError: "second"}}},
						{ARN: "u/a"},
					},
					Groups:        []IAMGroup{{ARN: "g/b"}, {ARN: "g/a"}},
					Roles:         []IAMRole{{ARN: "r/b"}, {ARN: "r/a"}},
					Policies:      []ManagedPolicy{{ARN: "p/2"}, {ARN: "p/1"}},
					SAMLProviders: []SAMLProvider{{ARN: "s/b"}, {ARN: "s/a"}},
					OIDCProviders: []OIDCProvider{{ARN: "o/b", ClientIDs: []string{"y", "x"}}, {ARN: "o/a"}},
					Trails:        []Trail{{ARN: "t/b"}, {ARN: "t/a"}},
					Budgets:       []Budget{{Name: "b"}, {Name: "a"}},
					Regions: []AWSRegion{
						{Name: "us-east-1",
							GuardDutyDetectors: []GuardDutyDetector{{ID: "d2"}, {ID: "d1"}},
							ConfigRecorders:    []ConfigRecorder{{Name: "r2"}, {Name: "r1"}},
							AccessAnalyzers:    []AccessAnalyzer{{ARN: "a2"}, {ARN: "a1"}},
							MetricFilters:      []MetricFilter{{LogGroup: "g2", Name: "a"}, {LogGroup: "g1", Name: "b"}, {LogGroup: "g1", Name: "a"}},
							Alarms:             []MetricAlarm{{Name: "m2"}, {Name: "m1"}},
							Instances:          []EC2Instance{{ID: "i-2"}, {ID: "i-1"}}},
						{Name: "eu-west-1"},
					},
				},
			},
			Organization: &AWSOrganization{
				Accounts: []OrgAccount{{ID: "2"}, {ID: "1"}},
				Policies: []OrgPolicy{{ID: "p-2", Targets: []OrgTarget{{ID: "t2"}, {ID: "t1"}}}, {ID: "p-1"}},
			},
		},
	}
}

func TestCanonicalize(t *testing.T) {
	s := shuffled()
	Canonicalize(s)
	a := s.AWS.Accounts[0]
	u := a.Users[1]
	r := a.Regions[1]
	for _, c := range []struct{ name, got, want string }{
		{"scopes", s.Scopes[0].Account + s.Scopes[1].Account, "111111111111222222222222"},
		{"accounts", a.AccountID, "111111111111"},
		{"root MFA by type then serial", a.Root.MFADevices[0].Serial + a.Root.MFADevices[1].Serial + a.Root.MFADevices[2].Serial, "zab"},
		{"users", a.Users[0].ARN + u.ARN, "u/au/b"},
		{"a user's groups", u.Groups[0] + u.Groups[1], "az"},
		{"attached by ARN", u.AttachedPolicies[0].ARN, "p/1"},
		{"inline by name, stable", u.InlinePolicies[0].Name + u.InlinePolicies[1].DocumentError + u.InlinePolicies[2].DocumentError, "xfirstsecond"},
		{"groups", a.Groups[0].ARN, "g/a"},
		{"roles", a.Roles[0].ARN, "r/a"},
		{"policies", a.Policies[0].ARN, "p/1"},
		{"SAML", a.SAMLProviders[0].ARN, "s/a"},
		{"OIDC and its client IDs", a.OIDCProviders[0].ARN + a.OIDCProviders[1].ClientIDs[0], "o/ax"},
		{"trails", a.Trails[0].ARN, "t/a"},
		{"budgets", a.Budgets[0].Name, "a"},
		{"regions", a.Regions[0].Name, "eu-west-1"},
		{"detectors", r.GuardDutyDetectors[0].ID, "d1"},
		{"recorders", r.ConfigRecorders[0].Name, "r1"},
		{"analyzers", r.AccessAnalyzers[0].ARN, "a1"},
		{"metric filters by group then name", r.MetricFilters[0].LogGroup + r.MetricFilters[0].Name + r.MetricFilters[1].Name + r.MetricFilters[2].LogGroup, "g1abg2"},
		{"alarms", r.Alarms[0].Name, "m1"},
		{"instances", r.Instances[0].ID, "i-1"},
		{"org accounts", s.AWS.Organization.Accounts[0].ID, "1"},
		{"org policies and targets", s.AWS.Organization.Policies[0].ID + s.AWS.Organization.Policies[1].Targets[0].ID, "p-1t1"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	// Canonical is a fixed point.
	var once, twice bytes.Buffer
	if err := Encode(&once, s); err != nil {
		t.Fatal(err)
	}
	Canonicalize(s)
	if err := Encode(&twice, s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(once.Bytes(), twice.Bytes()) {
		t.Error("Canonicalize is not idempotent")
	}
}

// A snapshot without sections (a plan of unmapped resources) is fine.
func TestCanonicalizeEmpty(t *testing.T) {
	Canonicalize(&Snapshot{})
}

func withSources(e CollectionError, sources ...string) CollectionError {
	e.Sources = sources
	return e
}

func TestSortErrors(t *testing.T) {
	e := func(account, region, service, op, resource string) CollectionError {
		return CollectionError{Provider: "aws", Account: account, Region: region, Service: service, Operation: op, Resource: resource, Code: "C", Message: "m"}
	}
	got := SortErrors([]CollectionError{
		e("2", "", "iam", "X", ""),
		e("1", "us-east-1", "guardduty", "ListDetectors", ""),
		e("1", "", "sts", "AssumeRole", ""),
		e("1", "", "iam", "GetCredentialReport", "arn:b"),
		e("1", "", "iam", "GetCredentialReport", "arn:a"),
		e("2", "", "iam", "X", ""), // a duplicate from a concurrent worker
		withSources(e("3", "", "iam", "*", "arn:c"), "a.x", "a.y"),
		withSources(e("3", "", "iam", "*", "arn:c"), "a.x", "a.y"), // a duplicate
		withSources(e("3", "", "iam", "*", "arn:c"), "a.xa.y"),     // not one
	})
	var keys []string
	for _, x := range got {
		keys = append(keys, x.Account+"/"+x.Region+"/"+x.Service+"/"+x.Operation+"/"+x.Resource)
	}
	want := []string{"1//iam/GetCredentialReport/arn:a", "1//iam/GetCredentialReport/arn:b", "1//sts/AssumeRole/", "1/us-east-1/guardduty/ListDetectors/", "2//iam/X/", "3//iam/*/arn:c", "3//iam/*/arn:c"}
	if len(keys) != len(want) {
		t.Fatalf("got %q, want %q", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Errorf("got %q, want %q", keys, want)
			break
		}
	}
}

func TestAWSScope(t *testing.T) {
	a := &AWSAccount{AccountID: "111111111111", Name: "prod", Partition: "aws-us-gov", Regions: []AWSRegion{{Name: "us-gov-west-1"}}}
	s := AWSScope(a)
	if s.Provider != "aws" || s.Account != "111111111111" || s.Name != "prod" || s.Resource != "arn:aws-us-gov:iam::111111111111:root" || len(s.Regions) != 1 || s.Regions[0] != "us-gov-west-1" {
		t.Errorf("AWSScope = %+v", s)
	}
	if got := AWSAccountARN("aws", ""); got != "arn:aws:iam:::root" {
		t.Errorf("unknown account: %q", got)
	}
}
