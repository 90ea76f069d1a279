package azure

import (
	"context"
	"net/url"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// lighthouseAPI is the Microsoft.ManagedServices API version read.
const lighthouseAPI = "2022-10-01"

type lhAuthorization struct {
	PrincipalID        string `json:"principalId"`
	PrincipalIDDisplay string `json:"principalIdDisplayName"`
	RoleDefinitionID   string `json:"roleDefinitionId"`
}

type lhAssignment struct {
	ID         string `json:"id"`
	Properties struct {
		RegistrationDefinitionID string `json:"registrationDefinitionId"`
		ProvisioningState        string `json:"provisioningState"`
		RegistrationDefinition   *struct {
			Properties struct {
				RegistrationDefinitionName string            `json:"registrationDefinitionName"`
				ManagedByTenantID          string            `json:"managedByTenantId"`
				ManagedByTenantName        string            `json:"managedByTenantName"`
				Authorizations             []lhAuthorization `json:"authorizations"`
				EligibleAuthorizations     []lhAuthorization `json:"eligibleAuthorizations"`
			} `json:"properties"`
		} `json:"registrationDefinition"`
	} `json:"properties"`
}

// lighthouse lists the subscription's Azure Lighthouse registration
// assignments with their definitions expanded: one listing, through
// azcore (no module is imported for one read).
func (c *collection) lighthouse(ctx context.Context, s *snapshot.AzureSubscription) {
	id := s.SubscriptionID
	q := url.Values{"api-version": {lighthouseAPI}, "$expandRegistrationDefinition": {"true"}}
	u := strings.TrimRight(c.armEndpoint, "/") + "/subscriptions/" + id + "/providers/Microsoft.ManagedServices/registrationAssignments?" + q.Encode()
	out := []snapshot.AzureLighthouseAssignment{}
	for u != "" {
		var p struct {
			Value    []lhAssignment `json:"value"`
			NextLink string         `json:"nextLink"`
		}
		if err := armGet(ctx, c.arm, u, &p); !c.okIn(id, "managedservices", "ListRegistrationAssignments", err) {
			return
		}
		for _, a := range p.Value {
			x := snapshot.AzureLighthouseAssignment{ID: a.ID, Scope: scopeOf(a.ID), RegistrationDefinitionID: a.Properties.RegistrationDefinitionID,
				ProvisioningState: a.Properties.ProvisioningState, Authorizations: []snapshot.AzureLighthouseGrant{}, EligibleAuthorizations: []snapshot.AzureLighthouseGrant{}}
			if d := a.Properties.RegistrationDefinition; d != nil {
				x.DefinitionName, x.ManagedByTenantID, x.ManagedByTenantName = d.Properties.RegistrationDefinitionName, d.Properties.ManagedByTenantID, d.Properties.ManagedByTenantName
				x.Authorizations, x.EligibleAuthorizations = grants(d.Properties.Authorizations), grants(d.Properties.EligibleAuthorizations)
			}
			out = append(out, x)
		}
		u = p.NextLink
	}
	s.LighthouseAssignments = out
}

func grants(as []lhAuthorization) []snapshot.AzureLighthouseGrant {
	out := make([]snapshot.AzureLighthouseGrant, 0, len(as))
	for _, a := range as {
		out = append(out, snapshot.AzureLighthouseGrant{PrincipalID: a.PrincipalID, PrincipalDisplayName: a.PrincipalIDDisplay, RoleDefinitionID: a.RoleDefinitionID})
	}
	return out
}

// scopeOf is the scope an ARM extension resource is attached to.
func scopeOf(id string) string {
	if i := strings.Index(strings.ToLower(id), "/providers/microsoft.managedservices/"); i >= 0 {
		return id[:i]
	}
	return id
}
