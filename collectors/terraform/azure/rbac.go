package azure

import (
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// builtinRoles are the built-in Azure roles an azurerm_role_assignment may
// name by role_definition_name that the controls judge, with the GUID of
// their role definition (the same in every subscription). Another
// built-in name is kept as given: no control judges it.
var builtinRoles = map[string]string{
	"owner":                     "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
	"contributor":               "b24988ac-6180-42a0-ab88-20f7382dd24c",
	"reader":                    "acdd72a7-3385-48ef-bd42-f606fba81ae7",
	"user access administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
	"role based access control administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
}

// mapRoleDefinition maps azurerm_role_definition: a custom role, named by
// its address, in the subscription of its scope. assignable_scopes left
// out of the configuration defaults to the scope.
func (b *builder) mapRoleDefinition(in tf.Instance) {
	id := b.subscriptionFor(in, "scope")
	st := b.sub(id)
	r := snapshot.AzureRoleDefinition{
		ID: in.Address, Name: in.Address, RoleName: in.After.StrOr("name", in.Address), Type: "CustomRole",
		Actions: []string{}, NotActions: []string{}, DataActions: []string{}, AssignableScopes: in.After.Strs("assignable_scopes"),
	}
	if len(r.AssignableScopes) == 0 && !b.m.Sets(in, "assignable_scopes") {
		if s := known(in, "scope"); s != "" {
			r.AssignableScopes = []string{s}
		}
	}
	for i, p := range in.After.Blocks("permissions") {
		r.Actions = append(r.Actions, p.Strs("actions")...)
		r.NotActions = append(r.NotActions, p.Strs("not_actions")...)
		r.DataActions = append(r.DataActions, p.Strs("data_actions")...)
		u := tf.UnknownBlock(in.Unknown, "permissions", i)
		for _, attr := range []string{"actions", "not_actions"} {
			if tf.UnknownAt(u, attr) {
				b.unknown(id, "authorization", "ListRoleDefinitions", "permissions."+attr, in, in.Address)
			}
		}
	}
	for _, attr := range []string{"permissions", "assignable_scopes", "scope"} {
		if tf.UnknownAt(in.Unknown, attr) && b.m.Sets(in, attr) && !(attr == "permissions" && len(in.After.Blocks("permissions")) > 0) {
			b.unknown(id, "authorization", "ListRoleDefinitions", attr, in, in.Address)
		}
	}
	if st.sub.CustomRoles == nil {
		st.sub.CustomRoles = []snapshot.AzureRoleDefinition{}
	}
	st.sub.CustomRoles = append(st.sub.CustomRoles, r)
}

// mapRoleAssignment maps azurerm_role_assignment: an active assignment
// without end (Terraform's PIM resources are other types), in the
// subscription of its scope.
func (b *builder) mapRoleAssignment(in tf.Instance) {
	id := b.subscriptionFor(in, "scope")
	st := b.sub(id)
	a := snapshot.AzureRoleAssignment{ID: in.Address, Scope: known(in, "scope"), Condition: known(in, "condition")}
	if a.Scope == "" {
		a.Scope = knownAfterApply
	}
	role, ok := b.rbacRole(in, id)
	if !ok {
		b.unknown(id, "authorization", "ListRoleAssignments", "role_definition_id", in, in.Address)
		role = knownAfterApply
	}
	a.RoleDefinitionID = role
	pid, kind, ok := b.principal(in, "principal_id")
	if !ok {
		b.unknown(id, "authorization", "ListRoleAssignments", "principal_id", in, in.Address)
		pid, kind = knownAfterApply, "unknown"
	}
	if kind == "" {
		kind = "unknown"
		if t := known(in, "principal_type"); t != "" {
			kind = strings.ToLower(t[:1]) + t[1:]
		}
	}
	a.PrincipalID, a.PrincipalType = pid, kind
	if st.sub.RoleAssignments == nil {
		// The plan's assignments are neither PIM activations nor
		// eligibilities: the schedules that would say so are empty.
		st.sub.RoleAssignments = []snapshot.AzureRoleAssignment{}
		st.sub.RoleAssignmentSchedules = []snapshot.AzureRoleSchedule{}
		st.sub.RoleEligibilities = []snapshot.AzureRoleSchedule{}
	}
	st.sub.RoleAssignments = append(st.sub.RoleAssignments, a)
}

// rbacRole is the role definition ID an assignment grants: its known
// role_definition_id, the custom role of the plan it refers to (named by
// its address), or the built-in role its role_definition_name names.
func (b *builder) rbacRole(in tf.Instance, sub string) (string, bool) {
	if v := known(in, "role_definition_id"); v != "" {
		return v, true
	}
	if addr, _ := b.m.Resolve(in, "role_definition_id", "azurerm_role_definition"); addr != "" {
		return addr, true
	}
	name := known(in, "role_definition_name")
	if name == "" {
		if addr, _ := b.m.Resolve(in, "role_definition_name", "azurerm_role_definition"); addr != "" {
			return addr, true
		}
		return "", false
	}
	if g, ok := builtinRoles[strings.ToLower(name)]; ok {
		return subResource(sub) + "/providers/Microsoft.Authorization/roleDefinitions/" + g, true
	}
	for _, st := range b.subs {
		for _, r := range st.sub.CustomRoles {
			if strings.EqualFold(r.RoleName, name) {
				return r.ID, true
			}
		}
	}
	return name, true
}
