package policies

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func TestNewRejectsBadPolicies(t *testing.T) {
	for _, tc := range []struct{ dir, want string }{
		{"testdata/syntax", "testdata/syntax/syntax.rego:14:0: unexpected eof token"},
		{"testdata/typo", "testdata/typo/typo.rego:12:18: undefined ref: input.aws.acounts"},
		{"testdata/netuser", "testdata/netuser/net.rego:12:10: undefined function http.send"},
		{"testdata/nosuchdir", "policy directory testdata/nosuchdir: no such file or directory"},
		{"testdata/empty", "policy directory testdata/empty: no .rego files found"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			_, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{tc.dir}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// Policies must not read the environment, the network or the clock.
func TestCapabilitiesWithholdUnsafeBuiltins(t *testing.T) {
	caps := Capabilities()
	for _, b := range caps.Builtins {
		if forbidden(b.Name) {
			t.Errorf("capabilities still offer %s", b.Name)
		}
	}
	for _, name := range []string{"http.send", "opa.runtime", "time.now_ns", "net.lookup_ip_addr"} {
		if !forbidden(name) {
			t.Errorf("%s is not withheld", name)
		}
	}
}

func TestUnknownControl(t *testing.T) {
	_, err := New(context.Background(), Options{Config: defaultConfig(), Controls: []string{"aws-root-mfa", "aws-no-such"}})
	var uc *UnknownControlError
	if !errors.As(err, &uc) || len(uc.IDs) != 1 || uc.IDs[0] != "aws-no-such" {
		t.Fatalf("got %v", err)
	}
}

func TestUserPolicyAndItsTests(t *testing.T) {
	srcs, err := dirSources("testdata/good", true)
	if err != nil {
		t.Fatal(err)
	}
	runRegoTests(t, srcs)

	e, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{"testdata/good"}, Controls: []string{"custom-user-owner-tag"}})
	if err != nil {
		t.Fatal(err)
	}
	snap := testSnapshot()
	rs := evaluate(t, e, snap)
	got := map[string]results.Status{}
	for _, r := range rs {
		got[r.Resource] = r.Status
	}
	want := map[string]results.Status{
		"arn:aws:iam::111111111111:user/tagged":   results.Pass,
		"arn:aws:iam::111111111111:user/untagged": results.Fail,
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
}

// A control whose data failed to be collected reports ERROR for the account
// concerned, never PASS; other accounts keep their decision.
func TestCollectionErrorsMakeResultsError(t *testing.T) {
	e, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{"testdata/good"}, Controls: []string{"custom-user-owner-tag", "aws-root-mfa"}})
	if err != nil {
		t.Fatal(err)
	}
	snap := testSnapshot()
	snap.AWS.Accounts = append(snap.AWS.Accounts, snapshot.AWSAccount{AccountID: "222222222222", Partition: "aws"})
	snap.Scopes = append(snap.Scopes, snapshot.Scope{Provider: "aws", Account: "222222222222", Resource: "arn:aws:iam::222222222222:root"})
	snap.Errors = []snapshot.CollectionError{
		{Provider: "aws", Account: "111111111111", Service: "iam", Operation: "GetAccountAuthorizationDetails", Code: "AccessDenied", Message: "not authorized"},
		{Provider: "aws", Account: "222222222222", Service: "iam", Operation: "GetAccountAuthorizationDetails", Code: "AccessDenied", Message: "not authorized"},
	}
	rs := evaluate(t, e, snap)
	var got []string
	for _, r := range rs {
		got = append(got, r.Control+" "+r.Resource+" "+string(r.Status))
	}
	want := []string{
		"aws-root-mfa arn:aws:iam::111111111111:root PASS",
		"custom-user-owner-tag arn:aws:iam::111111111111:user/tagged ERROR",
		"custom-user-owner-tag arn:aws:iam::111111111111:user/untagged ERROR",
		"custom-user-owner-tag arn:aws:iam::222222222222:root ERROR",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, r := range rs {
		if r.Status == results.Error && !strings.Contains(r.Message, "GetAccountAuthorizationDetails failed (AccessDenied)") {
			t.Errorf("ERROR message does not give the reason: %q", r.Message)
		}
	}
}

func testSnapshot() *snapshot.Snapshot {
	return &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Source:      snapshot.SourceAPI,
		Scopes:      []snapshot.Scope{{Provider: "aws", Account: "111111111111", Resource: "arn:aws:iam::111111111111:root"}},
		AWS: &snapshot.AWS{Accounts: []snapshot.AWSAccount{{
			AccountID: "111111111111", Partition: "aws",
			Root: &snapshot.RootUser{ARN: "arn:aws:iam::111111111111:root", MFAActive: true},
			Users: []snapshot.IAMUser{
				{Name: "tagged", ARN: "arn:aws:iam::111111111111:user/tagged", Tags: map[string]string{"owner": "platform"}},
				{Name: "untagged", ARN: "arn:aws:iam::111111111111:user/untagged"},
			},
		}}},
	}
}

func evaluate(t *testing.T, e *Engine, s *snapshot.Snapshot) []results.Result {
	t.Helper()
	in, err := NewInput(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := e.Evaluate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// An error confined to one resource (a value unknown until apply) makes
// only that resource's results ERROR.
func TestResourceScopedErrors(t *testing.T) {
	e, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{"testdata/good"}, Controls: []string{"custom-user-owner-tag"}})
	if err != nil {
		t.Fatal(err)
	}
	snap := testSnapshot()
	snap.Errors = []snapshot.CollectionError{{
		Provider: "aws", Account: "111111111111", Service: "iam", Operation: "*", Code: "UnknownUntilApply",
		Message: "tags are unknown until apply", Resource: "arn:aws:iam::111111111111:user/untagged",
	}}
	rs := evaluate(t, e, snap)
	got := map[string]string{}
	for _, r := range rs {
		got[r.Resource] = string(r.Status) + ": " + r.Message
	}
	if want := "ERROR: not decided: tags are unknown until apply"; got["arn:aws:iam::111111111111:user/untagged"] != want {
		t.Errorf("untagged: %q, want %q", got["arn:aws:iam::111111111111:user/untagged"], want)
	}
	if !strings.HasPrefix(got["arn:aws:iam::111111111111:user/tagged"], "PASS") || len(got) != 2 {
		t.Errorf("other resources must keep their decision and no scope ERROR be added: %v", got)
	}
}
