package azure

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// The pipeline refuses a request that is not an allowlisted read before
// anything is sent: the server never sees it.
func TestAllowlistRefusesBeforeSending(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(`{"value":[]}`))
	}))
	defer srv.Close()
	cl := Cloud{Name: "custom", Graph: srv.URL}
	g, err := newGraphClient(cl, staticToken{}, clientOptions(srv), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, method, path string
		allowed            bool
	}{
		{"list users", http.MethodGet, "/v1.0/users", true},
		{"group members", http.MethodGet, "/v1.0/groups/bbbbbbbb-0000-0000-0000-000000000001/transitiveMembers", true},
		{"create a user", http.MethodPost, "/v1.0/users", false},
		{"add a secret", http.MethodPost, "/v1.0/applications/dddddddd-0000-0000-0000-000000000001/addPassword", false},
		{"delete a role assignment", http.MethodDelete, "/v1.0/roleManagement/directory/roleAssignments/x", false},
		{"read something unlisted", http.MethodGet, "/v1.0/me/messages", false},
		{"elevate access (ARM)", http.MethodPost, "/providers/Microsoft.Authorization/elevateAccess", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := hits.Load()
			req, err := runtime.NewRequest(context.Background(), tc.method, srv.URL+tc.path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = g.pl.Do(req)
			var na ErrNotAllowed
			refused := errors.As(err, &na)
			if refused == tc.allowed {
				t.Fatalf("refused=%v (err %v), want allowed=%v", refused, err, tc.allowed)
			}
			if sent := hits.Load() > before; sent != tc.allowed {
				t.Fatalf("request reached the server: %v, want %v", sent, tc.allowed)
			}
		})
	}
}

func clientOptions(srv *httptest.Server) policyClientOptions {
	return policyClientOptions{Transport: srv.Client(), Retry: retry(retryOpts(time.Millisecond))}
}

// permissions.json, which docs/scanning-azure.md points users at, grants
// exactly the permissions of the allowlist.
func TestPermissionsFileMatchesAllowlist(t *testing.T) {
	data, err := os.ReadFile("permissions.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph []string `json:"graph_application_permissions"`
		Role  struct {
			Actions []string `json:"Actions"`
		} `json:"arm_role"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var graph, arm []string
	for _, c := range AllowedCalls() {
		if c.Service == "graph" {
			graph = append(graph, c.Permission)
		} else {
			arm = append(arm, c.Permission)
		}
	}
	slices.Sort(graph)
	slices.Sort(arm)
	graph, arm = slices.Compact(graph), slices.Compact(arm)
	if !slices.Equal(graph, doc.Graph) {
		t.Errorf("graph permissions %v, allowlist needs %v", doc.Graph, graph)
	}
	if !slices.Equal(arm, doc.Role.Actions) {
		t.Errorf("ARM actions %v, allowlist needs %v", doc.Role.Actions, arm)
	}
}
