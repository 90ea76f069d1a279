package azure

import (
	"context"
	"net/url"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// resolvePrincipals fills the principal types of directory role grants,
// which Graph does not return, from the users, service principals and
// groups collected. Directory roles can be held only by these three kinds
// (groups only when role-assignable, and those are all listed).
func resolvePrincipals(t *snapshot.AzureTenant) {
	kind := map[string]string{}
	for _, u := range t.Users {
		kind[strings.ToLower(u.ID)] = "user"
	}
	for _, s := range t.ServicePrincipals {
		kind[strings.ToLower(s.ID)] = "servicePrincipal"
	}
	for _, g := range t.Groups {
		kind[strings.ToLower(g.ID)] = "group"
	}
	of := func(id string) string {
		if k, ok := kind[strings.ToLower(id)]; ok {
			return k
		}
		return "unknown"
	}
	for i := range t.DirectoryRoleAssignments {
		t.DirectoryRoleAssignments[i].PrincipalType = of(t.DirectoryRoleAssignments[i].PrincipalID)
	}
	for _, l := range [][]snapshot.AzureRoleSchedule{t.DirectoryRoleAssignmentSchedules, t.DirectoryRoleEligibilities} {
		for i := range l {
			l[i].PrincipalType = of(l[i].PrincipalID)
		}
	}
}

// roleGroups adds to t.Groups the groups that hold an Azure RBAC role in a
// collected subscription, then reads the members and PIM for Groups
// eligibilities of every group: one listing per group that holds roles,
// not per user.
func (c *collection) roleGroups(ctx context.Context, t *snapshot.AzureTenant) {
	if t.Groups == nil {
		return // role-assignable groups unknown; the error is recorded
	}
	have := map[string]bool{}
	for _, g := range t.Groups {
		have[strings.ToLower(g.ID)] = true
	}
	for _, s := range t.Subscriptions {
		for _, l := range [][]snapshot.AzureRoleSchedule{s.RoleEligibilities} {
			for _, e := range l {
				if e.PrincipalType == "group" && !have[strings.ToLower(e.PrincipalID)] {
					have[strings.ToLower(e.PrincipalID)] = true
					t.Groups = append(t.Groups, snapshot.AzureGroup{ID: e.PrincipalID})
				}
			}
		}
		for _, a := range s.RoleAssignments {
			if a.PrincipalType == "group" && !have[strings.ToLower(a.PrincipalID)] {
				have[strings.ToLower(a.PrincipalID)] = true
				t.Groups = append(t.Groups, snapshot.AzureGroup{ID: a.PrincipalID})
			}
		}
	}
	sort.Slice(t.Groups, func(i, j int) bool { return t.Groups[i].ID < t.Groups[j].ID })
	tid := t.TenantID
	for i := range t.Groups {
		g := &t.Groups[i]
		ms, err := list[gDirectoryObject](ctx, c.graph, "/groups/"+g.ID+"/transitiveMembers", withTop(sel("id")))
		if c.ok(tid, "ListGroupMembers", err) {
			g.Members = make([]snapshot.AzurePrincipalRef, 0, len(ms))
			for _, m := range ms {
				g.Members = append(g.Members, snapshot.AzurePrincipalRef{ID: m.ID, Type: principalType(m.ODataType)})
			}
		}
		if c.rec.has(tid, "graph", "ListGroupEligibilityScheduleInstances") {
			continue // refused once (licence): not asked again per group
		}
		q := sel("principalId", "accessId", "startDateTime", "endDateTime")
		q.Set("$filter", "groupId eq '"+g.ID+"'")
		es, err := list[gGroupEligibility](ctx, c.graph, "/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", q)
		if c.ok(tid, "ListGroupEligibilityScheduleInstances", err) {
			g.EligibleMembers = make([]snapshot.AzureGroupEligibility, 0, len(es))
			for _, e := range es {
				g.EligibleMembers = append(g.EligibleMembers, snapshot.AzureGroupEligibility{PrincipalID: e.PrincipalID, AccessID: e.AccessID, Start: utc(e.StartDateTime), End: utc(e.EndDateTime)})
			}
		}
	}
}

// federated reads the federated credentials of the applications whose
// service principal holds a role, directly or through a group: those whose
// way of signing in a control judges. One listing per such application.
func (c *collection) federated(ctx context.Context, t *snapshot.AzureTenant) {
	if t.Applications == nil || t.ServicePrincipals == nil {
		return
	}
	holders := map[string]bool{}
	add := func(id string) { holders[strings.ToLower(id)] = true }
	for _, a := range t.DirectoryRoleAssignments {
		add(a.PrincipalID)
	}
	for _, a := range t.DirectoryRoleEligibilities {
		add(a.PrincipalID)
	}
	for _, s := range t.Subscriptions {
		for _, a := range s.RoleAssignments {
			add(a.PrincipalID)
		}
		for _, a := range s.RoleEligibilities {
			add(a.PrincipalID)
		}
	}
	for _, g := range t.Groups {
		if holders[strings.ToLower(g.ID)] {
			for _, m := range g.Members {
				add(m.ID)
			}
		}
	}
	apps := map[string]bool{}
	for _, sp := range t.ServicePrincipals {
		if holders[strings.ToLower(sp.ID)] {
			apps[strings.ToLower(sp.AppID)] = true
		}
	}
	for i := range t.Applications {
		a := &t.Applications[i]
		if !apps[strings.ToLower(a.AppID)] {
			continue
		}
		fs, err := list[gFederated](ctx, c.graph, "/applications/"+url.PathEscape(a.ID)+"/federatedIdentityCredentials", sel("name", "issuer", "subject"))
		if c.ok(t.TenantID, "ListFederatedIdentityCredentials", err) {
			a.FederatedCredentials = make([]snapshot.AzureFederatedCredential, 0, len(fs))
			for _, f := range fs {
				a.FederatedCredentials = append(a.FederatedCredentials, snapshot.AzureFederatedCredential{Name: f.Name, Issuer: f.Issuer, Subject: f.Subject})
			}
		}
	}
}
