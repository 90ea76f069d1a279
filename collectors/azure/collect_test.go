package azure

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/rampart-sec/rampart/collectors/azure/azurefake"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/snapshot"
)

var collectedAt = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// staticToken is a credential for the fake: the fake checks only that a
// bearer token is sent.
type staticToken struct{}

func (staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: "fake-token", ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// cloudFile writes a --cloud file pointing every endpoint at the fake.
func cloudFileFor(t *testing.T, f *azurefake.Server) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "cloud.json")
	body := `{"authority_host": "` + f.URL + `/", "resource_manager_endpoint": "` + f.URL + `", "resource_manager_audience": "https://management.core.windows.net/", "graph_endpoint": "` + f.URL + `"}`
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func collectFake(t *testing.T, f *azurefake.Server, opts Options) *snapshot.Snapshot {
	t.Helper()
	opts.Cloud = cloudFileFor(t, f)
	opts.Credential = staticToken{}
	opts.Transport = f.Client()
	opts.Now = func() time.Time { return collectedAt }
	opts.Version = "test"
	if opts.Retry.RetryDelay == 0 {
		opts.Retry = policy.RetryOptions{RetryDelay: time.Millisecond, MaxRetryDelay: 2 * time.Second}
	}
	s, err := Collect(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// golden compares a collected snapshot with testdata/NAME (the repository's
// one -update flag rewrites it) and checks that it decodes.
func golden(t *testing.T, name string, s *snapshot.Snapshot) {
	t.Helper()
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	testutil.Golden(t, path, buf.Bytes())
	if _, err := snapshot.Decode(path, buf.Bytes()); err != nil {
		t.Fatalf("the collected snapshot does not decode: %v", err)
	}
}

// The whole known world, collected through the real SDK clients over TLS,
// is exactly the golden snapshot: every page read, the 429 waited out, the
// denied subscription recorded and nothing else.
func TestCollectKnownWorld(t *testing.T) {
	f := azurefake.New(t, azurefake.KnownWorld())
	f.ThrottleOnce("/v1.0/users")
	s := collectFake(t, f, Options{})
	golden(t, "known-world.json", s)

	users := 0
	for _, r := range f.Log() {
		if strings.HasPrefix(r, "GET /v1.0/users?") {
			users++
		}
	}
	// 4 pages of 2 users, plus the throttled first attempt.
	if users != 5 {
		t.Errorf("%d requests for users, want 4 pages + 1 retry after 429", users)
	}
	if got := len(s.Azure.Tenants[0].Users); got != 7 {
		t.Errorf("%d users collected, want all 7 across pages", got)
	}
}

// Only reads are sent, every one of them on the allowlist.
func TestCollectorIsReadOnly(t *testing.T) {
	f := azurefake.New(t, azurefake.KnownWorld())
	collectFake(t, f, Options{})
	for _, r := range f.Log() {
		method, uri, _ := strings.Cut(r, " ")
		path, _, _ := strings.Cut(uri, "?")
		if _, ok := Allowed(method, path); !ok {
			t.Errorf("request not on the allowlist: %s", r)
		}
	}
}

func TestDeniedSubscriptionIsRecordedOnlyForIt(t *testing.T) {
	f := azurefake.New(t, azurefake.KnownWorld())
	s := collectFake(t, f, Options{})
	var denied, prod int
	for _, e := range s.Errors {
		switch e.Account {
		case azurefake.SubDenied:
			denied++
			if e.Code != "AuthorizationFailed" {
				t.Errorf("denied subscription: code %s, want AuthorizationFailed", e.Code)
			}
		case azurefake.SubProd:
			prod++
		}
	}
	if denied != 8 || prod != 0 {
		t.Fatalf("errors: %d for the denied subscription (want one per ARM operation, 8), %d for prod (want 0)", denied, prod)
	}
}

// A tenant without Entra ID P1/P2: sign-in activity, registration details,
// Conditional Access and PIM are recorded once each, naming the licence;
// users are still collected, without activity.
func TestTenantWithoutPremiumLicence(t *testing.T) {
	w := azurefake.KnownWorld()
	w.P1, w.P2 = false, false
	w.SKUs = []map[string]any{{"skuPartNumber": "O365_BUSINESS_ESSENTIALS", "capabilityStatus": "Enabled", "servicePlans": []any{}}}
	f := azurefake.New(t, w)
	s := collectFake(t, f, Options{})
	golden(t, "no-premium.json", s)
	want := map[string]string{
		"ListSignInActivity":                    "P1",
		"ListUserRegistrationDetails":           "P1",
		"ListConditionalAccessPolicies":         "P1",
		"ListRoleAssignmentScheduleInstances":   "P2",
		"ListRoleEligibilityScheduleInstances":  "P2",
		"ListRoleManagementPolicyAssignments":   "P2",
		"ListGroupEligibilityScheduleInstances": "P2",
	}
	seen := map[string]int{}
	for _, e := range s.Errors {
		if e.Account != azurefake.TenantID || e.Service != "graph" {
			continue
		}
		seen[e.Operation]++
		if lic, ok := want[e.Operation]; !ok || !strings.Contains(e.Message, "Microsoft Entra ID "+lic) {
			t.Errorf("%s: %q does not name Entra ID %s", e.Operation, e.Message, lic)
		}
	}
	for op := range want {
		if seen[op] != 1 {
			t.Errorf("%s recorded %d times, want once per tenant", op, seen[op])
		}
	}
	tn := s.Azure.Tenants[0]
	if len(tn.Users) != 7 || tn.Users[0].SignInActivity != nil || tn.Users[0].MFA != nil {
		t.Errorf("users without licence: %d users, activity %v, mfa %v; want 7 users, both nil", len(tn.Users), tn.Users[0].SignInActivity, tn.Users[0].MFA)
	}
	if tn.Licences == nil || tn.Licences.EntraIDP1 || tn.Licences.EntraIDP2 {
		t.Errorf("licences %+v, want neither P1 nor P2", tn.Licences)
	}
}

func TestSubscriptionsFlag(t *testing.T) {
	f := azurefake.New(t, azurefake.KnownWorld())
	s := collectFake(t, f, Options{Subscriptions: []string{azurefake.SubProd}})
	subs := s.Azure.Tenants[0].Subscriptions
	if len(subs) != 1 || subs[0].SubscriptionID != azurefake.SubProd || subs[0].DisplayName != "prod" {
		t.Fatalf("subscriptions %+v, want only prod", subs)
	}
	for _, r := range f.Log() {
		if strings.Contains(r, azurefake.SubDenied) {
			t.Errorf("a subscription not asked for was called: %s", r)
		}
	}
}

type policyClientOptions = policy.ClientOptions

func retryOpts(d time.Duration) policy.RetryOptions {
	return policy.RetryOptions{RetryDelay: d, MaxRetryDelay: 2 * time.Second}
}
