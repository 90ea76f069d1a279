package azure

import (
	"errors"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/rampart-sec/rampart/snapshot"
)

// licence names the Entra ID licence a Graph operation needs, "" for none.
var licence = map[string]string{
	"ListSignInActivity":                    "Microsoft Entra ID P1 or P2",
	"ListUserRegistrationDetails":           "Microsoft Entra ID P1 or P2",
	"ListConditionalAccessPolicies":         "Microsoft Entra ID P1 or P2",
	"ListRoleAssignmentScheduleInstances":   "Microsoft Entra ID P2",
	"ListRoleEligibilityScheduleInstances":  "Microsoft Entra ID P2",
	"ListRoleManagementPolicyAssignments":   "Microsoft Entra ID P2",
	"ListGroupEligibilityScheduleInstances": "Microsoft Entra ID P2",
}

// CodeNonPremium is Graph's answer to a licence-gated call in a tenant
// without the licence.
const CodeNonPremium = "Authentication_RequestFromNonPremiumTenantOrB2CTenant"

// recorder collects the errors of one run; the goroutines collecting
// subscriptions share it.
type recorder struct {
	mu   sync.Mutex
	errs []snapshot.CollectionError
	seen map[string]bool
}

// fail records a failed call of operation op of service for account (a
// tenant or subscription ID). A call gated by a licence says which
// licence in its message, so the ERROR a control reports names it.
func (r *recorder) fail(account, service, op string, err error) {
	code, msg := classify(err)
	if lic := licence[op]; lic != "" && service == "graph" && licenceFailure(err) {
		msg = "requires " + lic + " (the tenant appears not to have it): " + msg
	}
	r.add(snapshot.CollectionError{Provider: "azure", Account: account, Service: service, Operation: op, Code: code, Message: msg})
}

// licenceFailure tells a licence refusal: Graph's non-premium code (403),
// or the 400 that PIM endpoints give a tenant without P2.
func licenceFailure(err error) bool {
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		return false
	}
	return re.ErrorCode == CodeNonPremium || re.StatusCode == http.StatusBadRequest || re.StatusCode == http.StatusForbidden
}

func (r *recorder) add(e snapshot.CollectionError) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := e.Account + "|" + e.Service + "|" + e.Operation + "|" + e.Resource
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if r.seen[key] {
		return // once per tenant or subscription and operation
	}
	r.seen[key] = true
	r.errs = append(r.errs, e)
}

func (r *recorder) has(account, service, op string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen[account+"|"+service+"|"+op+"|"]
}

func (r *recorder) sorted() []snapshot.CollectionError {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]snapshot.CollectionError{}, r.errs...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		return a.Resource < b.Resource
	})
	return out
}

// classify returns the error code and a one-line message: the service's
// own code (AuthorizationFailed, Authorization_RequestDenied, ...) for an
// HTTP error, else RequestError.
func classify(err error) (code, msg string) {
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		code = re.ErrorCode
		if code == "" {
			code = http.StatusText(re.StatusCode)
		}
		return code, firstLine(serviceMessage(re))
	}
	var na ErrNotAllowed
	if errors.As(err, &na) {
		return "NotAllowed", na.Error()
	}
	return "RequestError", firstLine(err.Error())
}

// serviceMessage is the "message" of the error body, which azcore keeps
// only inside its long multi-line Error().
func serviceMessage(re *azcore.ResponseError) string {
	s := re.Error()
	if i := strings.Index(s, `"message": "`); i >= 0 {
		rest := s[i+len(`"message": "`):]
		if j := strings.Index(rest, `"`); j >= 0 {
			return rest[:j]
		}
	}
	return http.StatusText(re.StatusCode)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
