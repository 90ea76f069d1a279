// Package azurefake is a test double of Microsoft Graph v1.0 and Azure
// Resource Manager on one TLS listener, serving a world of JSON objects
// shaped like the REST reference examples. The collector's tests and the
// end-to-end tests use it; it is never linked into rampart.
package azurefake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Server serves Microsoft Graph v1.0 and Azure Resource Manager on one
// TLS listener, from a world of JSON objects shaped like the REST reference
// examples. It pages every collection (PageSize items per page, with
// @odata.nextLink / nextLink), answers licence-gated Graph calls as a tenant
// without the licence does, refuses a subscription's calls with
// AuthorizationFailed, injects a 429 with Retry-After on request, and
// records every request.
type Server struct {
	*httptest.Server
	W *World

	mu       sync.Mutex
	requests []string // "GET /v1.0/users?..."
	throttle map[string]int
}

// World is what the fake tenant holds, as Graph and ARM return it.
type World struct {
	TenantID string
	P1, P2   bool
	PageSize int

	Organization map[string]any
	SKUs         []map[string]any
	Users        []map[string]any // signInActivity included; stripped unless selected
	Registration []map[string]any
	RoleDefs     []map[string]any
	RoleAssign   []map[string]any
	AssignSched  []map[string]any
	EligSched    []map[string]any
	RolePolicies []map[string]any
	SecurityDef  map[string]any
	CAPolicies   []map[string]any
	Apps         []map[string]any
	SPs          []map[string]any
	Groups       []map[string]any
	Members      map[string][]map[string]any // group id → transitive members
	GroupElig    map[string][]map[string]any // group id → eligibility instances
	Federated    map[string][]map[string]any // application object id → credentials

	Subs []*Sub
}

// Sub is one subscription's ARM data. Denied answers every call with
// 403 AuthorizationFailed.
type Sub struct {
	ID, Name    string
	Denied      bool
	Assignments []map[string]any
	CustomRoles []map[string]any
	AssignSched []map[string]any
	EligSched   []map[string]any
	DiagSet     []map[string]any
	Alerts      []map[string]any
	Pricings    []map[string]any
	Lighthouse  []map[string]any
}

func New(t interface{ Cleanup(func()) }, w *World) *Server {
	f := &Server{W: w, throttle: map[string]int{}}
	f.Server = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

// ThrottleOnce makes the next request to path answer 429 Retry-After: 1.
func (f *Server) ThrottleOnce(path string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.throttle[path]++
}

func (f *Server) Log() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string{}, f.requests...)
}

func graphError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"code": code, "message": msg, "innerError": map[string]any{"request-id": "00000000-0000-0000-0000-000000000000"}}})
}

func nonPremium(w http.ResponseWriter) {
	graphError(w, http.StatusForbidden, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license")
}

var (
	reGroupMembers = regexp.MustCompile(`^/v1.0/groups/([^/]+)/transitiveMembers$`)
	reFederated    = regexp.MustCompile(`^/v1.0/applications/([^/]+)/federatedIdentityCredentials$`)
	reSub          = regexp.MustCompile(`(?i)^/subscriptions/([^/]+)(/providers/(.+))?$`)
)

func (f *Server) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, r.Method+" "+r.URL.RequestURI())
	throttled := f.throttle[r.URL.Path] > 0
	if throttled {
		f.throttle[r.URL.Path]--
	}
	f.mu.Unlock()
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		graphError(w, http.StatusUnauthorized, "InvalidAuthenticationToken", "Access token is empty.")
		return
	}
	if r.Method != http.MethodGet {
		graphError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "the fake serves reads only")
		return
	}
	if throttled {
		w.Header().Set("Retry-After", "1")
		graphError(w, http.StatusTooManyRequests, "TooManyRequests", "Too many requests")
		return
	}
	p, q := r.URL.Path, r.URL.Query()
	if strings.HasPrefix(p, "/v1.0/") {
		f.graph(w, r, p, q)
		return
	}
	f.armServe(w, r, p, q)
}

func (f *Server) graph(w http.ResponseWriter, r *http.Request, p string, q url.Values) {
	wd := f.W
	switch {
	case p == "/v1.0/organization":
		f.collection(w, r, []map[string]any{wd.Organization}, "")
	case p == "/v1.0/subscribedSkus":
		f.collection(w, r, wd.SKUs, "")
	case p == "/v1.0/users":
		selected := strings.Contains(q.Get("$select"), "signInActivity")
		if selected && !wd.P1 {
			nonPremium(w)
			return
		}
		users := make([]map[string]any, 0, len(wd.Users))
		for _, u := range wd.Users {
			c := map[string]any{}
			for k, v := range u {
				if k != "signInActivity" || selected {
					c[k] = v
				}
			}
			users = append(users, c)
		}
		f.collection(w, r, users, "")
	case p == "/v1.0/reports/authenticationMethods/userRegistrationDetails":
		if !wd.P1 {
			nonPremium(w)
			return
		}
		f.collection(w, r, wd.Registration, "")
	case p == "/v1.0/roleManagement/directory/roleDefinitions":
		f.collection(w, r, wd.RoleDefs, "")
	case p == "/v1.0/roleManagement/directory/roleAssignments":
		f.collection(w, r, wd.RoleAssign, "")
	case p == "/v1.0/roleManagement/directory/roleAssignmentScheduleInstances":
		f.p2(w, r, wd.AssignSched)
	case p == "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances":
		f.p2(w, r, wd.EligSched)
	case p == "/v1.0/policies/roleManagementPolicyAssignments":
		if q.Get("$filter") != "scopeId eq '/' and scopeType eq 'DirectoryRole'" {
			graphError(w, http.StatusBadRequest, "BadRequest", "scopeId and scopeType filters are required")
			return
		}
		f.p2(w, r, wd.RolePolicies)
	case p == "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy":
		writeJSON(w, wd.SecurityDef)
	case p == "/v1.0/identity/conditionalAccess/policies":
		if !wd.P1 {
			nonPremium(w)
			return
		}
		f.collection(w, r, wd.CAPolicies, "")
	case p == "/v1.0/applications":
		f.collection(w, r, wd.Apps, "")
	case p == "/v1.0/servicePrincipals":
		f.collection(w, r, wd.SPs, "")
	case p == "/v1.0/groups":
		if q.Get("$filter") != "isAssignableToRole eq true" {
			graphError(w, http.StatusBadRequest, "BadRequest", "the fake lists role-assignable groups only")
			return
		}
		f.collection(w, r, wd.Groups, "")
	case reGroupMembers.MatchString(p):
		f.collection(w, r, wd.Members[reGroupMembers.FindStringSubmatch(p)[1]], "")
	case p == "/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances":
		var id string
		if _, err := fmt.Sscanf(q.Get("$filter"), "groupId eq %q", &id); err != nil {
			id = strings.TrimSuffix(strings.TrimPrefix(q.Get("$filter"), "groupId eq '"), "'")
		}
		f.p2(w, r, wd.GroupElig[id])
	case reFederated.MatchString(p):
		f.collection(w, r, wd.Federated[reFederated.FindStringSubmatch(p)[1]], "")
	default:
		graphError(w, http.StatusNotFound, "Request_ResourceNotFound", "no such resource "+p)
	}
}

// p2 serves a PIM collection, or PIM's 400 to a tenant without P2.
func (f *Server) p2(w http.ResponseWriter, r *http.Request, items []map[string]any) {
	if !f.W.P2 {
		graphError(w, http.StatusBadRequest, "AadPremiumLicenseRequired", "The tenant needs an AAD Premium 2 license.")
		return
	}
	f.collection(w, r, items, "")
}

func (f *Server) armServe(w http.ResponseWriter, r *http.Request, p string, q url.Values) {
	if q.Get("api-version") == "" {
		graphError(w, http.StatusBadRequest, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.")
		return
	}
	if strings.EqualFold(p, "/subscriptions") {
		var subs []map[string]any
		for _, s := range f.W.Subs {
			subs = append(subs, subJSON(f.W.TenantID, s))
		}
		f.collection(w, r, subs, "nextLink")
		return
	}
	m := reSub.FindStringSubmatch(p)
	if m == nil {
		graphError(w, http.StatusNotFound, "NotFound", "no such ARM path "+p)
		return
	}
	var sub *Sub
	for _, s := range f.W.Subs {
		if strings.EqualFold(s.ID, m[1]) {
			sub = s
		}
	}
	if sub == nil {
		graphError(w, http.StatusNotFound, "SubscriptionNotFound", "The subscription '"+m[1]+"' could not be found.")
		return
	}
	if sub.Denied {
		graphError(w, http.StatusForbidden, "AuthorizationFailed", "The client 'rampart' does not have authorization to perform action over scope '/subscriptions/"+sub.ID+"' or the scope is invalid.")
		return
	}
	var items []map[string]any
	switch strings.ToLower(m[3]) {
	case "":
		writeJSON(w, subJSON(f.W.TenantID, sub))
		return
	case "microsoft.authorization/roleassignments":
		items = sub.Assignments
	case "microsoft.authorization/roledefinitions":
		if q.Get("$filter") != "type eq 'CustomRole'" {
			graphError(w, http.StatusBadRequest, "BadRequest", "the fake lists custom roles only")
			return
		}
		items = sub.CustomRoles
	case "microsoft.authorization/roleassignmentscheduleinstances":
		items = sub.AssignSched
	case "microsoft.authorization/roleeligibilityscheduleinstances":
		items = sub.EligSched
	case "microsoft.insights/diagnosticsettings":
		items = sub.DiagSet
	case "microsoft.insights/activitylogalerts":
		items = sub.Alerts
	case "microsoft.security/pricings":
		writeJSON(w, map[string]any{"value": orEmpty(sub.Pricings)}) // not pageable
		return
	case "microsoft.managedservices/registrationassignments":
		if q.Get("$expandRegistrationDefinition") != "true" {
			graphError(w, http.StatusBadRequest, "BadRequest", "expected $expandRegistrationDefinition=true")
			return
		}
		items = sub.Lighthouse
	default:
		graphError(w, http.StatusNotFound, "NotFound", "no such ARM path "+p)
		return
	}
	f.collection(w, r, items, "nextLink")
}

func subJSON(tenant string, s *Sub) map[string]any {
	return map[string]any{"id": "/subscriptions/" + s.ID, "subscriptionId": s.ID, "tenantId": tenant, "displayName": s.Name, "state": "Enabled"}
}

// collection serves one page of items. nextKey is "@odata.nextLink"
// (Graph, when "") or "nextLink" (ARM).
func (f *Server) collection(w http.ResponseWriter, r *http.Request, items []map[string]any, nextKey string) {
	if nextKey == "" {
		nextKey = "@odata.nextLink"
	}
	size := f.W.PageSize
	if size <= 0 {
		size = 100
	}
	start, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
	end := min(start+size, len(items))
	start = min(start, end)
	body := map[string]any{"value": orEmpty(items[start:end])}
	if nextKey == "@odata.nextLink" {
		body["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#collection"
	}
	if end < len(items) {
		q := r.URL.Query()
		q.Set("$skiptoken", strconv.Itoa(end))
		body[nextKey] = "https://" + r.Host + r.URL.Path + "?" + q.Encode()
	}
	writeJSON(w, body)
}

func orEmpty(v []map[string]any) []map[string]any {
	if v == nil {
		return []map[string]any{}
	}
	return v
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
