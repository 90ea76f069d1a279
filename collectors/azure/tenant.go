package azure

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/rampart-sec/rampart/snapshot"
)

// pageSize is the $top of listings: the largest most Graph collections
// accept, so that the number of calls is users/999, not users/100.
const pageSize = "999"

func sel(fields ...string) url.Values {
	return url.Values{"$select": {strings.Join(fields, ",")}}
}

func withTop(q url.Values) url.Values {
	q.Set("$top", pageSize)
	return q
}

// directory collects the tenant's Graph data into t. Each failed call is
// recorded and leaves its field nil.
func (c *collection) directory(ctx context.Context, t *snapshot.AzureTenant) {
	g, tid := c.graph, t.TenantID
	if skus, err := list[gSKU](ctx, g, "/subscribedSkus", nil); c.ok(tid, "ListSubscribedSkus", err) {
		t.Licences = licences(skus)
	}
	c.report("tenant %s: licences", tid)

	c.users(ctx, t)
	c.report("tenant %s: %d users", tid, len(t.Users))

	if defs, err := list[gRoleDefinition](ctx, g, "/roleManagement/directory/roleDefinitions", sel("id", "templateId", "displayName", "isBuiltIn")); c.ok(tid, "ListRoleDefinitions", err) {
		t.DirectoryRoleDefinitions = []snapshot.AzureDirectoryRoleDefinition{}
		for _, d := range defs {
			t.DirectoryRoleDefinitions = append(t.DirectoryRoleDefinitions, snapshot.AzureDirectoryRoleDefinition{ID: d.ID, TemplateID: d.TemplateID, DisplayName: d.DisplayName, IsBuiltIn: d.IsBuiltIn})
		}
	}
	if as, err := list[gRoleAssignment](ctx, g, "/roleManagement/directory/roleAssignments", sel("id", "principalId", "roleDefinitionId", "directoryScopeId")); c.ok(tid, "ListRoleAssignments", err) {
		t.DirectoryRoleAssignments = []snapshot.AzureRoleAssignment{}
		for _, a := range as {
			t.DirectoryRoleAssignments = append(t.DirectoryRoleAssignments, snapshot.AzureRoleAssignment{ID: a.ID, PrincipalID: a.PrincipalID, RoleDefinitionID: a.RoleDefinitionID, Scope: a.DirectoryScopeID})
		}
	}
	schedSel := sel("id", "principalId", "roleDefinitionId", "directoryScopeId", "assignmentType", "memberType", "startDateTime", "endDateTime")
	if is, err := list[gScheduleInstance](ctx, g, "/roleManagement/directory/roleAssignmentScheduleInstances", schedSel); c.ok(tid, "ListRoleAssignmentScheduleInstances", err) {
		t.DirectoryRoleAssignmentSchedules = schedules(is)
	}
	eligSel := sel("id", "principalId", "roleDefinitionId", "directoryScopeId", "memberType", "startDateTime", "endDateTime")
	if is, err := list[gScheduleInstance](ctx, g, "/roleManagement/directory/roleEligibilityScheduleInstances", eligSel); c.ok(tid, "ListRoleEligibilityScheduleInstances", err) {
		t.DirectoryRoleEligibilities = schedules(is)
	}
	q := url.Values{"$filter": {"scopeId eq '/' and scopeType eq 'DirectoryRole'"}, "$expand": {"policy($expand=rules)"}}
	if ps, err := list[gPolicyAssignment](ctx, g, "/policies/roleManagementPolicyAssignments", q); c.ok(tid, "ListRoleManagementPolicyAssignments", err) {
		t.RoleManagementPolicies = roleManagementPolicies(ps)
	}
	c.report("tenant %s: directory roles and PIM", tid)

	var sd gSecurityDefaults
	if err := g.get(ctx, "/policies/identitySecurityDefaultsEnforcementPolicy", sel("isEnabled"), &sd); c.ok(tid, "GetSecurityDefaults", err) {
		t.SecurityDefaults = &snapshot.AzureSecurityDefaults{Enabled: sd.IsEnabled}
	}
	if ps, err := list[gCAPolicy](ctx, g, "/identity/conditionalAccess/policies", sel("id", "displayName", "state", "conditions", "grantControls")); c.ok(tid, "ListConditionalAccessPolicies", err) {
		t.ConditionalAccessPolicies = caPolicies(ps)
	}
	credSel := []string{"id", "appId", "displayName", "passwordCredentials", "keyCredentials"}
	if as, err := list[gApplication](ctx, g, "/applications", withTop(sel(credSel...))); c.ok(tid, "ListApplications", err) {
		t.Applications = applications(as)
	}
	if sps, err := list[gServicePrincipal](ctx, g, "/servicePrincipals", withTop(sel(append(credSel, "servicePrincipalType", "appOwnerOrganizationId", "accountEnabled")...))); c.ok(tid, "ListServicePrincipals", err) {
		t.ServicePrincipals = servicePrincipals(sps)
	}
	gq := sel("id", "displayName", "isAssignableToRole")
	gq.Set("$filter", "isAssignableToRole eq true")
	if gs, err := list[gGroup](ctx, g, "/groups", withTop(gq)); c.ok(tid, "ListGroups", err) {
		t.Groups = []snapshot.AzureGroup{}
		for _, x := range gs {
			t.Groups = append(t.Groups, snapshot.AzureGroup{ID: x.ID, DisplayName: x.DisplayName, IsAssignableToRole: x.IsAssignableToRole != nil && *x.IsAssignableToRole})
		}
	}
	c.report("tenant %s: policies, applications, groups", tid)
}

// users lists users with their sign-in activity and merges the MFA
// registration report: two listings, however many users. Sign-in activity
// needs Entra ID P1 (and AuditLog.Read.All); without it the listing is
// repeated without that property and the gap recorded once.
func (c *collection) users(ctx context.Context, t *snapshot.AzureTenant) {
	tid := t.TenantID
	fields := []string{"id", "userPrincipalName", "displayName", "userType", "accountEnabled", "createdDateTime"}
	us, err := list[gUser](ctx, c.graph, "/users", withTop(sel(append(fields, "signInActivity")...)))
	withActivity := err == nil
	if err != nil {
		var re *azcore.ResponseError
		if !errors.As(err, &re) || (re.StatusCode != http.StatusForbidden && re.StatusCode != http.StatusBadRequest) {
			c.rec.fail(tid, "graph", "ListUsers", err)
			return
		}
		c.rec.fail(tid, "graph", "ListSignInActivity", err)
		if us, err = list[gUser](ctx, c.graph, "/users", withTop(sel(fields...))); !c.ok(tid, "ListUsers", err) {
			return
		}
	}
	regs := map[string]*snapshot.AzureMFARegistration{}
	rs, err := list[gRegistration](ctx, c.graph, "/reports/authenticationMethods/userRegistrationDetails", withTop(sel("id", "isMfaRegistered", "isMfaCapable", "isAdmin", "methodsRegistered")))
	haveRegs := c.ok(tid, "ListUserRegistrationDetails", err)
	for _, r := range rs {
		m := append([]string{}, r.MethodsRegistered...)
		sort.Strings(m)
		regs[strings.ToLower(r.ID)] = &snapshot.AzureMFARegistration{IsMFARegistered: r.IsMfaRegistered, IsMFACapable: r.IsMfaCapable, IsAdmin: r.IsAdmin, Methods: m}
	}
	t.Users = make([]snapshot.AzureUser, 0, len(us))
	for _, u := range us {
		x := snapshot.AzureUser{
			ID: u.ID, UserPrincipalName: u.UserPrincipalName, DisplayName: u.DisplayName,
			UserType: u.UserType, AccountEnabled: u.AccountEnabled != nil && *u.AccountEnabled, Created: utc(u.CreatedDateTime),
		}
		if x.UserType == "" {
			x.UserType = "Member" // Graph's default for accounts created before userType existed
		}
		if withActivity {
			x.SignInActivity = &snapshot.AzureSignInActivity{}
			if a := u.SignInActivity; a != nil {
				x.SignInActivity = &snapshot.AzureSignInActivity{LastSignIn: utc(a.LastSignInDateTime), LastNonInteractiveSignIn: utc(a.LastNonInteractiveSignInDateTime), LastSuccessfulSignIn: utc(a.LastSuccessfulSignInDateTime)}
			}
		}
		if haveRegs {
			x.MFA = regs[strings.ToLower(u.ID)]
		}
		t.Users = append(t.Users, x)
	}
}

func licences(skus []gSKU) *snapshot.AzureLicences {
	l := &snapshot.AzureLicences{SKUs: []string{}}
	for _, s := range skus {
		if s.CapabilityStatus != "Enabled" && s.CapabilityStatus != "Warning" {
			continue
		}
		l.SKUs = append(l.SKUs, s.SKUPartNumber)
		for _, p := range s.ServicePlans {
			switch p.ServicePlanName {
			case "AAD_PREMIUM":
				l.EntraIDP1 = true
			case "AAD_PREMIUM_P2":
				l.EntraIDP1, l.EntraIDP2 = true, true
			}
		}
	}
	sort.Strings(l.SKUs)
	return l
}

func schedules(is []gScheduleInstance) []snapshot.AzureRoleSchedule {
	out := make([]snapshot.AzureRoleSchedule, 0, len(is))
	for _, i := range is {
		out = append(out, snapshot.AzureRoleSchedule{ID: i.ID, PrincipalID: i.PrincipalID, RoleDefinitionID: i.RoleDefinitionID, Scope: i.DirectoryScopeID, AssignmentType: i.AssignmentType, MemberType: i.MemberType, Start: utc(i.StartDateTime), End: utc(i.EndDateTime)})
	}
	return out
}

func roleManagementPolicies(ps []gPolicyAssignment) []snapshot.AzureRoleManagementPolicy {
	out := make([]snapshot.AzureRoleManagementPolicy, 0, len(ps))
	for _, p := range ps {
		x := snapshot.AzureRoleManagementPolicy{PolicyID: p.PolicyID, RoleDefinitionID: p.RoleDefinitionID}
		if p.Policy != nil {
			for _, r := range p.Policy.Rules {
				switch r.ID {
				case "Expiration_EndUser_Assignment":
					x.MaxActivationDuration = r.MaximumDuration
					if m, ok := isoMinutes(r.MaximumDuration); ok {
						x.MaxActivationMinutes = &m
					}
				case "Approval_EndUser_Assignment":
					if r.Setting != nil {
						x.ApprovalRequired = r.Setting.IsApprovalRequired
					}
				}
			}
		}
		out = append(out, x)
	}
	return out
}

func caPolicies(ps []gCAPolicy) []snapshot.AzureConditionalAccessPolicy {
	out := make([]snapshot.AzureConditionalAccessPolicy, 0, len(ps))
	for _, p := range ps {
		x := snapshot.AzureConditionalAccessPolicy{ID: p.ID, DisplayName: p.DisplayName, State: p.State,
			IncludeUsers: []string{}, ExcludeUsers: []string{}, IncludeGroups: []string{}, ExcludeGroups: []string{},
			IncludeRoles: []string{}, ExcludeRoles: []string{}, IncludeApplications: []string{}, ExcludeApplications: []string{},
			ClientAppTypes: nonNil(p.Conditions.ClientAppTypes), BuiltInControls: []string{}}
		if u := p.Conditions.Users; u != nil {
			x.IncludeUsers, x.ExcludeUsers = nonNil(u.IncludeUsers), nonNil(u.ExcludeUsers)
			x.IncludeGroups, x.ExcludeGroups = nonNil(u.IncludeGroups), nonNil(u.ExcludeGroups)
			x.IncludeRoles, x.ExcludeRoles = nonNil(u.IncludeRoles), nonNil(u.ExcludeRoles)
		}
		if a := p.Conditions.Applications; a != nil {
			x.IncludeApplications, x.ExcludeApplications = nonNil(a.IncludeApplications), nonNil(a.ExcludeApplications)
		}
		if gc := p.GrantControls; gc != nil {
			x.GrantOperator, x.BuiltInControls = gc.Operator, nonNil(gc.BuiltInControls)
			if gc.AuthenticationStrength != nil {
				x.AuthenticationStrength = gc.AuthenticationStrength.ID
			}
		}
		out = append(out, x)
	}
	return out
}

func credentials(cs []gCredential) []snapshot.AzureCredential {
	out := make([]snapshot.AzureCredential, 0, len(cs))
	for _, c := range cs {
		out = append(out, snapshot.AzureCredential{KeyID: c.KeyID, DisplayName: c.DisplayName, Type: c.Type, Start: utc(c.StartDateTime), End: utc(c.EndDateTime)})
	}
	return out
}

func applications(as []gApplication) []snapshot.AzureApplication {
	out := make([]snapshot.AzureApplication, 0, len(as))
	for _, a := range as {
		out = append(out, snapshot.AzureApplication{ID: a.ID, AppID: a.AppID, DisplayName: a.DisplayName, PasswordCredentials: credentials(a.PasswordCredentials), KeyCredentials: credentials(a.KeyCredentials)})
	}
	return out
}

func servicePrincipals(sps []gServicePrincipal) []snapshot.AzureServicePrincipal {
	out := make([]snapshot.AzureServicePrincipal, 0, len(sps))
	for _, s := range sps {
		out = append(out, snapshot.AzureServicePrincipal{ID: s.ID, AppID: s.AppID, DisplayName: s.DisplayName, ServicePrincipalType: s.ServicePrincipalType,
			AppOwnerOrganizationID: s.AppOwnerOrganizationID, AccountEnabled: s.AccountEnabled == nil || *s.AccountEnabled,
			PasswordCredentials: credentials(s.PasswordCredentials), KeyCredentials: credentials(s.KeyCredentials)})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
