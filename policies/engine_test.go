package policies

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// A bad policy directory is refused with the file, position and what was
// expected, by a scan and by a test run alike: a policy that would not
// load in a scan does not pass its tests either.
func TestBadPoliciesAreRejected(t *testing.T) {
	loaders := map[string]func(dir string) error{
		"scan": func(dir string) error {
			_, err := New(context.Background(), Options{Config: defaultConfig(), PolicyDirs: []string{dir}})
			return err
		},
		"test": func(dir string) error {
			var out strings.Builder
			_, err := RunTests(context.Background(), TestOptions{Config: defaultConfig(), PolicyDirs: []string{dir}}, &out)
			return err
		},
	}
	for _, tc := range []struct {
		dir, want string
		inRego    bool // a *PolicyError, not a directory problem
	}{
		{"testdata/syntax", "testdata/syntax/syntax.rego:14:0: unexpected eof token", true},
		{"testdata/typo", "testdata/typo/typo.rego:12:18: undefined ref: input.aws.acounts", true},
		{"testdata/netuser", "testdata/netuser/net.rego:12:10: undefined function http.send", true},
		{"testdata/badmeta", `testdata/badmeta/badmeta.rego:1: METADATA custom.severity: unknown severity "urgent"`, true},
		{"testdata/nosuchdir", "policy directory testdata/nosuchdir: no such file or directory", false},
		{"testdata/empty", "policy directory testdata/empty: no .rego files found", false},
	} {
		for name, load := range loaders {
			t.Run(name+" "+tc.dir, func(t *testing.T) {
				err := load(tc.dir)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("error %v, want it to contain %q", err, tc.want)
				}
				var pe *PolicyError
				if errors.As(err, &pe) != tc.inRego {
					t.Errorf("%T: a *PolicyError is %v, want %v", err, !tc.inRego, tc.inRego)
				}
			})
		}
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

// A user policy is evaluated beside the built-in ones (its Rego tests run
// in TestRunTestsReportsFailures).
func TestUserPolicy(t *testing.T) {
	e := newEngine(t, Options{PolicyDirs: []string{"testdata/good"}, Controls: []string{"custom-user-owner-tag"}})
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
	e := newEngine(t, Options{PolicyDirs: []string{"testdata/good"}, Controls: []string{"custom-user-owner-tag", "aws-root-mfa"}})
	snap := testSnapshot()
	snap.AWS.Accounts = append(snap.AWS.Accounts, snapshot.AWSAccount{AccountID: "222222222222", Partition: "aws",
		Root: &snapshot.RootUser{ARN: "arn:aws:iam::222222222222:root", MFAActive: true}})
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
		"aws-root-mfa arn:aws:iam::222222222222:root PASS",
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

// An error confined to one resource (a value unknown until apply) makes
// only that resource's results ERROR.
func TestResourceScopedErrors(t *testing.T) {
	e := newEngine(t, Options{PolicyDirs: []string{"testdata/good"}, Controls: []string{"custom-user-owner-tag"}})
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

// A snapshot decides the controls of the providers it holds: its section,
// a scope or a collection error names them. The others are not evaluated
// (and not counted), and a plan leaves out the controls marked iac: N.
func TestApplicableControls(t *testing.T) {
	e := newEngine(t, Options{})
	count := func(s *snapshot.Snapshot) map[string]int {
		n := map[string]int{}
		for _, c := range e.Applicable(s) {
			n[c.Provider]++
			if s.Source == snapshot.SourceTerraformPlan && c.IaC == "N" {
				t.Errorf("%s is iac: N but applies to a plan", c.ID)
			}
		}
		return n
	}
	all := count(&snapshot.Snapshot{AWS: &snapshot.AWS{}, Azure: &snapshot.Azure{}, GCP: &snapshot.GCP{}})
	if all["aws"] != 35 || all["azure"] != 16 || all["gcp"] != 15 {
		t.Fatalf("the catalogue applies as %v, want aws 35, azure 16, gcp 15", all)
	}
	for _, tc := range []struct {
		name string
		snap *snapshot.Snapshot
		want map[string]int
	}{
		{"AWS only", &snapshot.Snapshot{AWS: &snapshot.AWS{}, Scopes: []snapshot.Scope{{Provider: "aws", Account: "111111111111"}}},
			map[string]int{"aws": 35}},
		{"an Azure collection that failed before any scope", &snapshot.Snapshot{AWS: &snapshot.AWS{},
			Errors: []snapshot.CollectionError{{Provider: "azure", Service: "subscriptions", Operation: "List", Code: "AuthorizationFailed"}}},
			map[string]int{"aws": 35, "azure": 16}},
		{"a GCP scope without its section", &snapshot.Snapshot{Scopes: []snapshot.Scope{{Provider: "gcp", Account: "projects/p"}}},
			map[string]int{"gcp": 15}},
	} {
		got := count(tc.snap)
		if len(got) != len(tc.want) || got["aws"] != tc.want["aws"] || got["azure"] != tc.want["azure"] || got["gcp"] != tc.want["gcp"] {
			t.Errorf("%s: applicable %v, want %v", tc.name, got, tc.want)
		}
	}
	plan := count(&snapshot.Snapshot{Source: snapshot.SourceTerraformPlan, AWS: &snapshot.AWS{}})
	if plan["aws"] == 0 || plan["aws"] >= 35 || len(plan) != 1 {
		t.Errorf("a plan applies %v: want some but not all AWS controls", plan)
	}
}
