package azure

import (
	"context"
	"net/http"
	"sort"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/authorization/armauthorization/v2"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/monitor/armmonitor"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/security/armsecurity"

	"github.com/rampart-sec/rampart/snapshot"
)

// subscription collects one subscription through ARM. Every failed call is
// recorded under the subscription's ID and leaves its field nil, so only
// this subscription's controls become ERROR.
func (c *collection) subscription(ctx context.Context, s *snapshot.AzureSubscription) {
	c.rbac(ctx, s)
	c.monitoring(ctx, s)
	c.lighthouse(ctx, s)
}

// rbac collects a subscription's Azure RBAC: role assignments, custom
// roles and PIM schedules. The tenant-wide controls read it for every
// subscription (who holds Owner anywhere), so under --shard the shard that
// owns the tenant reads it also for the subscriptions it does not own.
func (c *collection) rbac(ctx context.Context, s *snapshot.AzureSubscription) {
	id := s.SubscriptionID
	scope := "subscriptions/" + id
	opts := c.armOptions
	authz, err := armauthorization.NewClientFactory(id, c.cred, opts)
	if err != nil {
		c.rec.fail(id, "authorization", "ListRoleAssignments", err)
		return
	}

	if v, err := pages(ctx, authz.NewRoleAssignmentsClient().NewListForSubscriptionPager(nil), func(p armauthorization.RoleAssignmentsClientListForSubscriptionResponse) []*armauthorization.RoleAssignment {
		return p.Value
	}); c.okIn(id, "authorization", "ListRoleAssignments", err) {
		s.RoleAssignments = make([]snapshot.AzureRoleAssignment, 0, len(v))
		for _, a := range v {
			p := a.Properties
			if p == nil {
				continue
			}
			s.RoleAssignments = append(s.RoleAssignments, snapshot.AzureRoleAssignment{
				ID: str(a.ID), PrincipalID: str(p.PrincipalID), PrincipalType: principalType(string(deref(p.PrincipalType))),
				RoleDefinitionID: str(p.RoleDefinitionID), Scope: str(p.Scope), Condition: str(p.Condition),
			})
		}
	}
	if v, err := pages(ctx, authz.NewRoleDefinitionsClient().NewListPager(scope, &armauthorization.RoleDefinitionsClientListOptions{Filter: to.Ptr("type eq 'CustomRole'")}), func(p armauthorization.RoleDefinitionsClientListResponse) []*armauthorization.RoleDefinition {
		return p.Value
	}); c.okIn(id, "authorization", "ListRoleDefinitions", err) {
		s.CustomRoles = []snapshot.AzureRoleDefinition{}
		for _, d := range v {
			if d.Properties == nil || !strings.EqualFold(str(d.Properties.RoleType), "CustomRole") {
				continue
			}
			x := snapshot.AzureRoleDefinition{ID: str(d.ID), Name: str(d.Name), RoleName: str(d.Properties.RoleName), Type: str(d.Properties.RoleType),
				Actions: []string{}, NotActions: []string{}, DataActions: []string{}, AssignableScopes: strs(d.Properties.AssignableScopes)}
			for _, p := range d.Properties.Permissions {
				x.Actions = append(x.Actions, strs(p.Actions)...)
				x.NotActions = append(x.NotActions, strs(p.NotActions)...)
				x.DataActions = append(x.DataActions, strs(p.DataActions)...)
			}
			s.CustomRoles = append(s.CustomRoles, x)
		}
	}
	if v, err := pages(ctx, authz.NewRoleAssignmentScheduleInstancesClient().NewListForScopePager(scope, nil), func(p armauthorization.RoleAssignmentScheduleInstancesClientListForScopeResponse) []*armauthorization.RoleAssignmentScheduleInstance {
		return p.Value
	}); c.okIn(id, "authorization", "ListRoleAssignmentScheduleInstances", err) {
		s.RoleAssignmentSchedules = make([]snapshot.AzureRoleSchedule, 0, len(v))
		for _, i := range v {
			if p := i.Properties; p != nil {
				s.RoleAssignmentSchedules = append(s.RoleAssignmentSchedules, snapshot.AzureRoleSchedule{ID: str(i.ID), PrincipalID: str(p.PrincipalID), PrincipalType: principalType(string(deref(p.PrincipalType))),
					RoleDefinitionID: str(p.RoleDefinitionID), Scope: str(p.Scope), AssignmentType: string(deref(p.AssignmentType)), MemberType: string(deref(p.MemberType)), Start: utc(p.StartDateTime), End: utc(p.EndDateTime)})
			}
		}
	}
	if v, err := pages(ctx, authz.NewRoleEligibilityScheduleInstancesClient().NewListForScopePager(scope, nil), func(p armauthorization.RoleEligibilityScheduleInstancesClientListForScopeResponse) []*armauthorization.RoleEligibilityScheduleInstance {
		return p.Value
	}); c.okIn(id, "authorization", "ListRoleEligibilityScheduleInstances", err) {
		s.RoleEligibilities = make([]snapshot.AzureRoleSchedule, 0, len(v))
		for _, i := range v {
			if p := i.Properties; p != nil {
				s.RoleEligibilities = append(s.RoleEligibilities, snapshot.AzureRoleSchedule{ID: str(i.ID), PrincipalID: str(p.PrincipalID), PrincipalType: principalType(string(deref(p.PrincipalType))),
					RoleDefinitionID: str(p.RoleDefinitionID), Scope: str(p.Scope), MemberType: string(deref(p.MemberType)), Start: utc(p.StartDateTime), End: utc(p.EndDateTime)})
			}
		}
	}
}

// monitoring collects the activity log's diagnostic settings, the activity
// log alerts and the Defender for Cloud plans.
func (c *collection) monitoring(ctx context.Context, s *snapshot.AzureSubscription) {
	id := s.SubscriptionID
	scope := "subscriptions/" + id
	if ds, err := armmonitor.NewDiagnosticSettingsClient(c.cred, c.armOptions); c.okIn(id, "monitor", "ListDiagnosticSettings", err) {
		if v, err := pages(ctx, ds.NewListPager(scope, nil), func(p armmonitor.DiagnosticSettingsClientListResponse) []*armmonitor.DiagnosticSettingsResource {
			return p.Value
		}); c.okIn(id, "monitor", "ListDiagnosticSettings", err) {
			s.DiagnosticSettings = make([]snapshot.AzureDiagnosticSetting, 0, len(v))
			for _, d := range v {
				x := snapshot.AzureDiagnosticSetting{ID: str(d.ID), Name: str(d.Name), Categories: []snapshot.AzureDiagnosticCategory{}}
				if p := d.Properties; p != nil {
					x.WorkspaceID, x.StorageAccountID, x.EventHubRuleID = str(p.WorkspaceID), str(p.StorageAccountID), str(p.EventHubAuthorizationRuleID)
					for _, l := range p.Logs {
						if l != nil && l.Category != nil {
							x.Categories = append(x.Categories, snapshot.AzureDiagnosticCategory{Category: *l.Category, Enabled: l.Enabled != nil && *l.Enabled})
						}
					}
				}
				s.DiagnosticSettings = append(s.DiagnosticSettings, x)
			}
		}
	}
	if al, err := armmonitor.NewActivityLogAlertsClient(id, c.cred, c.armOptions); c.okIn(id, "monitor", "ListActivityLogAlerts", err) {
		if v, err := pages(ctx, al.NewListBySubscriptionIDPager(nil), func(p armmonitor.ActivityLogAlertsClientListBySubscriptionIDResponse) []*armmonitor.ActivityLogAlertResource {
			return p.Value
		}); c.okIn(id, "monitor", "ListActivityLogAlerts", err) {
			s.ActivityLogAlerts = make([]snapshot.AzureActivityLogAlert, 0, len(v))
			for _, a := range v {
				s.ActivityLogAlerts = append(s.ActivityLogAlerts, activityLogAlert(a))
			}
		}
	}
	if pc, err := armsecurity.NewPricingsClient(c.cred, c.armOptions); c.okIn(id, "security", "ListPricings", err) {
		resp, err := pc.List(ctx, scope, nil)
		if c.okIn(id, "security", "ListPricings", err) {
			s.DefenderPricings = make([]snapshot.AzureDefenderPricing, 0, len(resp.Value))
			for _, p := range resp.Value {
				x := snapshot.AzureDefenderPricing{Name: str(p.Name)}
				if p.Properties != nil {
					x.PricingTier, x.SubPlan = string(deref(p.Properties.PricingTier)), str(p.Properties.SubPlan)
				}
				s.DefenderPricings = append(s.DefenderPricings, x)
			}
			sort.Slice(s.DefenderPricings, func(i, j int) bool { return s.DefenderPricings[i].Name < s.DefenderPricings[j].Name })
		}
	}
}

func activityLogAlert(a *armmonitor.ActivityLogAlertResource) snapshot.AzureActivityLogAlert {
	x := snapshot.AzureActivityLogAlert{ID: str(a.ID), Name: str(a.Name), Scopes: []string{}, Conditions: []snapshot.AzureActivityLogCondition{}, ActionGroups: []string{}}
	p := a.Properties
	if p == nil {
		return x
	}
	x.Enabled = p.Enabled == nil || *p.Enabled // the service's default is enabled
	x.Scopes = strs(p.Scopes)
	if p.Condition != nil {
		for _, c := range p.Condition.AllOf {
			if c == nil {
				continue
			}
			y := snapshot.AzureActivityLogCondition{Field: str(c.Field), Equals: str(c.Equals)}
			for _, l := range c.AnyOf {
				if l != nil {
					y.AnyOf = append(y.AnyOf, snapshot.AzureActivityLogCondition{Field: str(l.Field), Equals: str(l.Equals)})
				}
			}
			x.Conditions = append(x.Conditions, y)
		}
	}
	if p.Actions != nil {
		for _, g := range p.Actions.ActionGroups {
			if g != nil {
				x.ActionGroups = append(x.ActionGroups, str(g.ActionGroupID))
			}
		}
	}
	return x
}

// pages reads every page of an ARM pager.
func pages[R any, T any](ctx context.Context, p *runtime.Pager[R], items func(R) []*T) ([]*T, error) {
	var out []*T
	for p.More() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, it := range items(page) {
			if it != nil {
				out = append(out, it)
			}
		}
	}
	return out, nil
}

func strs(ps []*string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}

func deref[T ~string](p *T) T {
	if p == nil {
		return ""
	}
	return *p
}

// armGet reads an ARM URL through the pipeline of an arm.Client, for the
// APIs without a module here (Lighthouse).
func armGet(ctx context.Context, cl *arm.Client, u string, v any) error {
	req, err := runtime.NewRequest(ctx, http.MethodGet, u)
	if err != nil {
		return err
	}
	resp, err := cl.Pipeline().Do(req)
	if err != nil {
		return err
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return runtime.NewResponseError(resp)
	}
	return runtime.UnmarshalAsJSON(resp, v)
}
