package gcp

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"google.golang.org/api/option"

	"github.com/rampart-sec/rampart/snapshot"
)

// fakeActivity speaks the Policy Analyzer REST API on 127.0.0.1: two pages
// of activity for prod-app, 403 for dev-app.
type fakeActivity struct {
	mu    sync.Mutex
	paths []string
}

func (f *fakeActivity) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.paths = append(f.paths, r.Method+" "+r.URL.Path+"?"+r.URL.Query().Get("pageToken"))
	f.mu.Unlock()
	const suffix = "/locations/global/activityTypes/serviceAccountLastAuthentication/activities:query"
	project, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/v1/projects/"), suffix)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case !ok || r.Method != http.MethodGet:
		w.WriteHeader(http.StatusNotFound)
	case project == "dev-app":
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error":{"code":403,"message":"Permission 'policyanalyzer.serviceAccountLastAuthenticationActivities.query' denied","status":"PERMISSION_DENIED"}}`))
	case r.URL.Query().Get("pageToken") == "":
		_ = json.NewEncoder(w).Encode(map[string]any{"activities": []any{activity("ci@prod-app.iam.gserviceaccount.com", "100000000000000000001", "2026-02-27T08:00:00Z")}, "nextPageToken": "p2"})
	default:
		_ = json.NewEncoder(w).Encode(map[string]any{"activities": []any{activity("333-compute@developer.gserviceaccount.com", "100000000000000000002", "2025-10-01T00:00:00Z")}})
	}
}

func activity(email, id, at string) map[string]any {
	return map[string]any{
		"activityType":      "serviceAccountLastAuthentication",
		"fullResourceName":  "//iam.googleapis.com/projects/prod-app/serviceAccounts/" + email,
		"observationPeriod": map[string]any{"startTime": "2025-09-01T00:00:00Z", "endTime": "2026-02-28T00:00:00Z"},
		"activity": map[string]any{
			"lastAuthenticatedTime": at,
			"serviceAccount":        map[string]any{"fullResourceName": "//iam.googleapis.com/projects/prod-app/serviceAccounts/" + email, "serviceAccountId": id},
		},
	}
}

// Activity comes from Policy Analyzer where permitted; a project it
// refuses gets an error, so its unused-account results are ERROR.
func TestPolicyAnalyzerActivity(t *testing.T) {
	f := &fakeActivity{}
	srv := httptest.NewServer(f)
	defer srv.Close()
	pa := &PolicyAnalyzer{ClientOptions: []option.ClientOption{option.WithEndpoint(srv.URL + "/"), option.WithoutAuthentication()}}
	s, _ := collect(t, &fakeCAI{w: knownWorld()}, Options{Scopes: []string{"organizations/111"}, Activity: pa})
	got := map[string]string{}
	for _, sa := range s.GCP.ServiceAccounts {
		switch {
		case sa.Activity == nil:
			got[sa.Email] = "not collected"
		case sa.Activity.LastAuthenticated == nil:
			got[sa.Email] = "never since " + sa.Activity.ObservedSince.Format("2006-01-02")
		default:
			got[sa.Email] = sa.Activity.LastAuthenticated.Format("2006-01-02")
		}
	}
	want := map[string]string{
		"ci@prod-app.iam.gserviceaccount.com":       "2026-02-27",
		"333-compute@developer.gserviceaccount.com": "2025-10-01",
		"reader@dev-app.iam.gserviceaccount.com":    "not collected",
		"dev-app@appspot.gserviceaccount.com":       "not collected",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
	var actErrs []snapshot.CollectionError
	for _, e := range s.Errors {
		if e.Service == snapshot.GCPServiceActivity {
			actErrs = append(actErrs, e)
		}
	}
	if len(actErrs) != 1 || actErrs[0].Account != "dev-app" || actErrs[0].Code != "PermissionDenied" {
		t.Errorf("activity errors %+v, want one PermissionDenied for dev-app", actErrs)
	}
	if pa.Pages != 2 {
		t.Errorf("%d pages read, want 2", pa.Pages)
	}
	status := map[string]string{}
	for _, r := range evaluate(t, s, testConfig()) {
		if r.Control == "gcp-unused-service-account" {
			status[r.Resource] = string(r.Status)
		}
	}
	for name, want := range map[string]string{
		"//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000001": "PASS",
		"//iam.googleapis.com/projects/prod-app/serviceAccounts/100000000000000000002": "FAIL", // 151 days
		"//iam.googleapis.com/projects/dev-app/serviceAccounts/100000000000000000003":  "ERROR",
	} {
		if status[name] != want {
			t.Errorf("%s: %s, want %s", name, status[name], want)
		}
	}
}

// Only GETs of activities:query leave the process.
func TestActivityTransportAllowlist(t *testing.T) {
	sent := 0
	tr := readOnlyTransport{next: roundTripFunc(func(*http.Request) (*http.Response, error) {
		sent++
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	})}
	for _, c := range []struct {
		method, path string
		ok           bool
	}{
		{"GET", "/v1/projects/p/locations/global/activityTypes/serviceAccountLastAuthentication/activities:query", true},
		{"POST", "/v1/projects/p/locations/global/activityTypes/serviceAccountLastAuthentication/activities:query", false},
		{"DELETE", "/v1/projects/p/serviceAccounts/x", false},
		{"GET", "/v1/projects/p/serviceAccounts/x/keys", false},
	} {
		req, _ := http.NewRequestWithContext(context.Background(), c.method, "http://127.0.0.1"+c.path, nil)
		before := sent
		_, err := tr.RoundTrip(req)
		if (err == nil) != c.ok || (sent > before) != c.ok {
			t.Errorf("%s %s: err %v, sent %v", c.method, c.path, err, sent > before)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
