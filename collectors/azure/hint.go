package azure

import (
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// permissionsFile is the read-only permission set the Azure collector
// needs (a test keeps it in step with the allowlist).
const permissionsFile = "collectors/azure/permissions.json"

// Hint returns the next step for an Azure collection error: the RBAC role
// or Graph permission to grant, the licence a call needs; "" for other
// providers' errors and codes it has nothing to say about.
func Hint(e snapshot.CollectionError) string {
	if e.Provider != "azure" {
		return ""
	}
	switch {
	case e.Code == CodeNonPremium || strings.HasPrefix(e.Message, "requires Microsoft Entra ID"):
		return "the tenant lacks the Entra ID licence this call needs: the controls that need it report ERROR until it has one"
	case e.Code == "AuthorizationFailed" || e.Code == "Forbidden" && e.Service != "graph":
		return "grant the built-in Reader role (or the custom role in " + permissionsFile + ") on the subscription or a management group above it"
	case e.Code == "Authorization_RequestDenied" || e.Code == "Forbidden" && e.Service == "graph":
		return "grant the Graph application permissions in " + permissionsFile + " (Directory.Read.All, AuditLog.Read.All, ...) with admin consent"
	case e.Code == "SubscriptionNotFound" || e.Code == "InvalidAuthenticationTokenTenant":
		return "the credential's tenant does not hold this subscription: sign in to the subscription's tenant (--tenant)"
	case strings.Contains(e.Code, "Throttl") || e.Code == "TooManyRequests":
		return "Azure throttled the calls past the SDK's retries: scan again, or fewer subscriptions at once"
	}
	return ""
}
