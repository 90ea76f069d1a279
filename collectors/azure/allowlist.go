package azure

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// Call is one operation the collector may call: rampart's service and
// operation names (as in snapshot errors and policies' requires), the HTTP
// path it reads, and the permission that authorises it (a Graph application
// permission or an ARM action).
type Call struct {
	Service    string
	Operation  string
	Path       string // a regular expression over the URL path, anchored
	Permission string
}

const guidRE = `[0-9a-fA-F-]{36}`

// allowed is the read-only allowlist. Principle 1 of the design: only
// reads. permissions.json grants exactly these permissions (a test keeps
// them in step), and allowlistPolicy refuses any other request before it
// is sent.
var allowed = []Call{
	{"graph", "GetOrganization", `/v1.0/organization`, "Directory.Read.All"},
	{"graph", "ListSubscribedSkus", `/v1.0/subscribedSkus`, "Directory.Read.All"},
	{"graph", "ListUsers", `/v1.0/users`, "Directory.Read.All"},
	{"graph", "ListUserRegistrationDetails", `/v1.0/reports/authenticationMethods/userRegistrationDetails`, "AuditLog.Read.All"},
	{"graph", "ListRoleDefinitions", `/v1.0/roleManagement/directory/roleDefinitions`, "RoleManagement.Read.Directory"},
	{"graph", "ListRoleAssignments", `/v1.0/roleManagement/directory/roleAssignments`, "RoleManagement.Read.Directory"},
	{"graph", "ListRoleAssignmentScheduleInstances", `/v1.0/roleManagement/directory/roleAssignmentScheduleInstances`, "RoleManagement.Read.Directory"},
	{"graph", "ListRoleEligibilityScheduleInstances", `/v1.0/roleManagement/directory/roleEligibilityScheduleInstances`, "RoleManagement.Read.Directory"},
	{"graph", "ListRoleManagementPolicyAssignments", `/v1.0/policies/roleManagementPolicyAssignments`, "RoleManagementPolicy.Read.Directory"},
	{"graph", "GetSecurityDefaults", `/v1.0/policies/identitySecurityDefaultsEnforcementPolicy`, "Policy.Read.All"},
	{"graph", "ListConditionalAccessPolicies", `/v1.0/identity/conditionalAccess/policies`, "Policy.Read.All"},
	{"graph", "ListApplications", `/v1.0/applications`, "Application.Read.All"},
	{"graph", "ListFederatedIdentityCredentials", `/v1.0/applications/` + guidRE + `/federatedIdentityCredentials`, "Application.Read.All"},
	{"graph", "ListServicePrincipals", `/v1.0/servicePrincipals`, "Application.Read.All"},
	{"graph", "ListGroups", `/v1.0/groups`, "GroupMember.Read.All"},
	{"graph", "ListGroupMembers", `/v1.0/groups/` + guidRE + `/transitiveMembers`, "GroupMember.Read.All"},
	{"graph", "ListGroupEligibilityScheduleInstances", `/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances`, "PrivilegedEligibilitySchedule.Read.AzureADGroup"},

	{"subscriptions", "ListSubscriptions", `/subscriptions`, "Microsoft.Resources/subscriptions/read"},
	{"subscriptions", "GetSubscription", `/subscriptions/` + guidRE, "Microsoft.Resources/subscriptions/read"},
	{"authorization", "ListRoleAssignments", `/subscriptions/` + guidRE + `/providers/Microsoft.Authorization/roleAssignments`, "Microsoft.Authorization/roleAssignments/read"},
	{"authorization", "ListRoleDefinitions", `/subscriptions/` + guidRE + `/providers/Microsoft.Authorization/roleDefinitions`, "Microsoft.Authorization/roleDefinitions/read"},
	{"authorization", "ListRoleAssignmentScheduleInstances", `/subscriptions/` + guidRE + `/providers/Microsoft.Authorization/roleAssignmentScheduleInstances`, "Microsoft.Authorization/roleAssignmentScheduleInstances/read"},
	{"authorization", "ListRoleEligibilityScheduleInstances", `/subscriptions/` + guidRE + `/providers/Microsoft.Authorization/roleEligibilityScheduleInstances`, "Microsoft.Authorization/roleEligibilityScheduleInstances/read"},
	{"monitor", "ListDiagnosticSettings", `/subscriptions/` + guidRE + `/providers/Microsoft.Insights/diagnosticSettings`, "Microsoft.Insights/DiagnosticSettings/Read"},
	{"monitor", "ListActivityLogAlerts", `/subscriptions/` + guidRE + `/providers/Microsoft.Insights/activityLogAlerts`, "Microsoft.Insights/ActivityLogAlerts/Read"},
	{"security", "ListPricings", `/subscriptions/` + guidRE + `/providers/Microsoft.Security/pricings`, "Microsoft.Security/pricings/read"},
	{"managedservices", "ListRegistrationAssignments", `/subscriptions/` + guidRE + `/providers/Microsoft.ManagedServices/registrationAssignments`, "Microsoft.ManagedServices/registrationAssignments/read"},
}

var allowedRE = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(allowed))
	for i, c := range allowed {
		out[i] = regexp.MustCompile(`(?i)^` + c.Path + `/?$`)
	}
	return out
}()

// AllowedCalls returns the read-only allowlist, sorted by service and
// operation.
func AllowedCalls() []Call {
	out := append([]Call(nil), allowed...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Service != out[j].Service {
			return out[i].Service < out[j].Service
		}
		return out[i].Operation < out[j].Operation
	})
	return out
}

// Allowed returns the allowlisted call a request is, if it is one: a GET
// of a listed path. The path is matched after the endpoint's own path
// prefix (a custom cloud may serve ARM and Graph under one host).
func Allowed(method, path string) (Call, bool) {
	if method != http.MethodGet {
		return Call{}, false
	}
	for i, re := range allowedRE {
		if re.MatchString(path) {
			return allowed[i], true
		}
	}
	return Call{}, false
}

// ErrNotAllowed is returned, before anything is sent, for a request that
// is not on the allowlist: a programming error that must never reach Azure.
type ErrNotAllowed struct{ Method, Path string }

func (e ErrNotAllowed) Error() string {
	return fmt.Sprintf("rampart: %s %s is not on the read-only allowlist", e.Method, e.Path)
}

// allowlistPolicy is a per-call pipeline policy in every ARM and Graph
// client: it makes principle 1 hold at run time, not only in tests.
type allowlistPolicy struct {
	// prefix is the path of the endpoint, stripped before matching.
	prefix string
}

// Do refuses requests that are not on the allowlist.
func (p allowlistPolicy) Do(req *policy.Request) (*http.Response, error) {
	raw := req.Raw()
	path := strings.TrimPrefix(raw.URL.Path, p.prefix)
	if _, ok := Allowed(raw.Method, path); !ok {
		return nil, ErrNotAllowed{raw.Method, raw.URL.Path}
	}
	return req.Next()
}
