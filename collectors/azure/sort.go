package azure

import (
	"sort"

	"github.com/rampart-sec/rampart/snapshot"
)

func sortTenant(t *snapshot.AzureTenant) {
	sort.Slice(t.Users, func(i, j int) bool { return t.Users[i].ID < t.Users[j].ID })
	sort.Slice(t.Groups, func(i, j int) bool { return t.Groups[i].ID < t.Groups[j].ID })
	for i := range t.Groups {
		g := &t.Groups[i]
		sort.Slice(g.Members, func(a, b int) bool { return g.Members[a].ID < g.Members[b].ID })
		sort.Slice(g.EligibleMembers, func(a, b int) bool { return g.EligibleMembers[a].PrincipalID < g.EligibleMembers[b].PrincipalID })
	}
	sort.Slice(t.DirectoryRoleDefinitions, func(i, j int) bool { return t.DirectoryRoleDefinitions[i].ID < t.DirectoryRoleDefinitions[j].ID })
	sortAssignments(t.DirectoryRoleAssignments)
	sortSchedules(t.DirectoryRoleAssignmentSchedules)
	sortSchedules(t.DirectoryRoleEligibilities)
	sort.Slice(t.RoleManagementPolicies, func(i, j int) bool {
		return t.RoleManagementPolicies[i].RoleDefinitionID < t.RoleManagementPolicies[j].RoleDefinitionID
	})
	sort.Slice(t.ConditionalAccessPolicies, func(i, j int) bool { return t.ConditionalAccessPolicies[i].ID < t.ConditionalAccessPolicies[j].ID })
	sort.Slice(t.Applications, func(i, j int) bool { return t.Applications[i].ID < t.Applications[j].ID })
	sort.Slice(t.ServicePrincipals, func(i, j int) bool { return t.ServicePrincipals[i].ID < t.ServicePrincipals[j].ID })
	for i := range t.Subscriptions {
		s := &t.Subscriptions[i]
		sortAssignments(s.RoleAssignments)
		sortSchedules(s.RoleAssignmentSchedules)
		sortSchedules(s.RoleEligibilities)
		sort.Slice(s.CustomRoles, func(a, b int) bool { return s.CustomRoles[a].ID < s.CustomRoles[b].ID })
		sort.Slice(s.DiagnosticSettings, func(a, b int) bool { return s.DiagnosticSettings[a].ID < s.DiagnosticSettings[b].ID })
		sort.Slice(s.ActivityLogAlerts, func(a, b int) bool { return s.ActivityLogAlerts[a].ID < s.ActivityLogAlerts[b].ID })
		sort.Slice(s.LighthouseAssignments, func(a, b int) bool { return s.LighthouseAssignments[a].ID < s.LighthouseAssignments[b].ID })
	}
}

func sortAssignments(l []snapshot.AzureRoleAssignment) {
	sort.Slice(l, func(i, j int) bool { return l[i].ID < l[j].ID })
}

func sortSchedules(l []snapshot.AzureRoleSchedule) {
	sort.Slice(l, func(i, j int) bool { return l[i].ID < l[j].ID })
}
