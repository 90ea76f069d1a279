package azure

import (
	"sort"
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// directoryRoleTemplates maps the display names of the directory roles the
// controls judge to their template IDs (the same for every tenant), for an
// azuread_directory_role named by display_name, whose template_id is
// computed. The list follows policies/lib/azure/roles.rego.
var directoryRoleTemplates = map[string]string{
	"global administrator":                    "62e90394-69f5-4237-9190-012177145e10",
	"privileged role administrator":           "e8611ab8-c189-46e8-94e1-60213ab1f814",
	"privileged authentication administrator": "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
	"security administrator":                  "194ae4cb-b126-40b2-bd5b-6091b380977d",
	"conditional access administrator":        "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
	"application administrator":               "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
	"cloud application administrator":         "158c047a-c907-4556-b7ef-446551a6b5f7",
	"authentication administrator":            "c4e39bd9-1100-46d3-8c65-fb160da0071f",
	"user administrator":                      "fe930be7-5e62-47db-91af-98c3a49a38b1",
	"hybrid identity administrator":           "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
	"exchange administrator":                  "29232cdf-9323-42fd-ade2-1d097af3e4de",
	"sharepoint administrator":                "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
	"intune administrator":                    "3a2c62db-5318-420d-8d74-23affee5d9d5",
	"helpdesk administrator":                  "729827e3-9c14-49f7-bb1b-9608f156bbb8",
}

// known reads a string attribute that the plan knows; "" when it is
// unknown until apply or empty.
func known(in tf.Instance, attr string) string {
	if tf.UnknownAt(in.Unknown, attr) {
		return ""
	}
	return in.After.Str(attr)
}

// firstKnown is known for the first of attrs (a provider version's name,
// then an older one's) that has a value.
func firstKnown(in tf.Instance, attrs ...string) string {
	for _, a := range attrs {
		if v := known(in, a); v != "" {
			return v
		}
	}
	return ""
}

// mapApplication maps azuread_application. Its client ID and object ID
// are computed when it is created, so it is named by its address, and
// service principals and passwords find it through the configuration's
// references.
func (b *builder) mapApplication(in tf.Instance) {
	b.directoryMapped = true
	a := &snapshot.AzureApplication{
		ID: in.Address, AppID: in.Address, DisplayName: in.After.StrOr("display_name", in.Address),
		PasswordCredentials: []snapshot.AzureCredential{}, KeyCredentials: []snapshot.AzureCredential{},
		FederatedCredentials: []snapshot.AzureFederatedCredential{},
	}
	if c := firstKnown(in, "client_id", "application_id"); c != "" {
		a.AppID = c
		b.byClientID[strings.ToLower(c)] = in.Address
	}
	if o := known(in, "object_id"); o != "" {
		b.byObjectID[strings.ToLower(o)] = in.Address
	}
	b.apps[in.Address] = a
	b.kinds[in.Address] = "application"
	b.created[in.Address] = in.Created
}

// mapServicePrincipal maps azuread_service_principal, linked to its
// application by client_id (application_id before azuread 3.0).
func (b *builder) mapServicePrincipal(in tf.Instance) {
	b.directoryMapped = true
	sp := &snapshot.AzureServicePrincipal{
		ID: in.Address, DisplayName: in.Address, ServicePrincipalType: "Application",
		AccountEnabled:      in.After.BoolOr("account_enabled", true),
		PasswordCredentials: []snapshot.AzureCredential{}, KeyCredentials: []snapshot.AzureCredential{},
	}
	if c := firstKnown(in, "client_id", "application_id"); c != "" {
		b.spApp[in.Address] = "client:" + strings.ToLower(c)
	} else {
		for _, attr := range []string{"client_id", "application_id"} {
			if addr, _ := b.m.Resolve(in, attr, "azuread_application"); addr != "" {
				b.spApp[in.Address] = addr
				break
			}
		}
	}
	if o := known(in, "object_id"); o != "" {
		b.byObjectID[strings.ToLower(o)] = in.Address
	}
	b.sps[in.Address] = sp
	b.kinds[in.Address] = "servicePrincipal"
	b.created[in.Address] = in.Created
}

// mapDirectoryRole keeps azuread_directory_role (a role activated in the
// tenant) for the assignments that refer to it.
func (b *builder) mapDirectoryRole(in tf.Instance) { b.dirRoles[in.Address] = in }

// object finds the directory object (application or service principal)
// that one of attrs of in names: through a reference to a resource of
// type typ, or by its known ID ("/applications/OBJECT-ID" since azuread
// 3.0, the bare object ID before). An object the plan does not hold is
// added under its object ID with no credentials but those of this plan.
func (b *builder) object(in tf.Instance, attrs []string, typ, prefix string) (string, bool) {
	for _, attr := range attrs {
		if v := known(in, attr); v != "" {
			id := strings.ToLower(strings.TrimPrefix(v, prefix))
			if k, ok := b.byObjectID[id]; ok {
				return k, true
			}
			b.external(id, typ)
			return id, true
		}
		if addr, _ := b.m.Resolve(in, attr, typ); addr != "" {
			return addr, true
		}
	}
	return "", false
}

// external adds a directory object the plan names by ID only.
func (b *builder) external(id, typ string) {
	b.directoryMapped = true
	if _, ok := b.kinds[id]; ok {
		return
	}
	if typ == "azuread_application" {
		b.apps[id] = &snapshot.AzureApplication{ID: id, AppID: id, DisplayName: id, PasswordCredentials: []snapshot.AzureCredential{}, KeyCredentials: []snapshot.AzureCredential{}, FederatedCredentials: []snapshot.AzureFederatedCredential{}}
		b.kinds[id] = "application"
		return
	}
	b.sps[id] = &snapshot.AzureServicePrincipal{ID: id, DisplayName: id, ServicePrincipalType: "Application", AccountEnabled: true, PasswordCredentials: []snapshot.AzureCredential{}, KeyCredentials: []snapshot.AzureCredential{}}
	b.kinds[id] = "servicePrincipal"
}

// mapApplicationPassword adds a client secret to its application.
func (b *builder) mapApplicationPassword(in tf.Instance) {
	key, ok := b.object(in, []string{"application_id", "application_object_id"}, "azuread_application", "/applications/")
	if !ok {
		b.unknown(b.tenantID, "graph", "ListApplications", "application_id", in, b.tenantResource("applications", in.Address))
		return
	}
	b.secrets[key] = true
	a := b.apps[key]
	a.PasswordCredentials = append(a.PasswordCredentials, b.credential(in, b.tenantResource("applications", key)+"/passwordCredentials/"+in.Address, "ListApplications"))
}

// mapFederatedCredential adds a workload identity federation credential
// (azuread_application_federated_identity_credential) to its application:
// the evidence of how a privileged service principal could sign in instead
// of with a secret.
func (b *builder) mapFederatedCredential(in tf.Instance) {
	key, ok := b.object(in, []string{"application_id", "application_object_id"}, "azuread_application", "/applications/")
	if !ok {
		return
	}
	a := b.apps[key]
	a.FederatedCredentials = append(a.FederatedCredentials, snapshot.AzureFederatedCredential{Name: in.After.StrOr("display_name", in.Address), Issuer: in.After.Str("issuer"), Subject: in.After.Str("subject")})
}

// mapServicePrincipalPassword adds a client secret to its service
// principal.
func (b *builder) mapServicePrincipalPassword(in tf.Instance) {
	key, ok := b.object(in, []string{"service_principal_id", "service_principal_object_id"}, "azuread_service_principal", "/servicePrincipals/")
	if !ok {
		b.unknown(b.tenantID, "graph", "ListServicePrincipals", "service_principal_id", in, b.tenantResource("servicePrincipals", in.Address))
		return
	}
	b.secrets[key] = true
	sp := b.sps[key]
	sp.PasswordCredentials = append(sp.PasswordCredentials, b.credential(in, b.tenantResource("servicePrincipals", key)+"/passwordCredentials/"+in.Address, "ListServicePrincipals"))
}

// mapDirectoryRoleAssignment maps azuread_directory_role_assignment: an
// active directory role assignment without end.
func (b *builder) mapDirectoryRoleAssignment(in tf.Instance) {
	b.directoryMapped = true
	resource := b.tenantResource("roleAssignments", in.Address)
	a := snapshot.AzureRoleAssignment{ID: in.Address, Scope: in.After.StrOr("directory_scope_id", "/")}
	role, ok := b.directoryRole(in)
	if !ok {
		b.unknown(b.tenantID, "graph", "ListRoleAssignments", "role_id", in, resource)
		role = knownAfterApply
	}
	a.RoleDefinitionID = role
	id, kind, ok := b.principal(in, "principal_object_id")
	if !ok {
		b.unknown(b.tenantID, "graph", "ListRoleAssignments", "principal_object_id", in, resource)
		id, kind = knownAfterApply, "unknown"
	}
	a.PrincipalID, a.PrincipalType = id, kind
	b.dirAssignments = append(b.dirAssignments, a)
}

// directoryRole is the template ID of the role an assignment grants: its
// role_id, else that of the azuread_directory_role it refers to (by
// template_id, or by display_name for the roles the controls judge).
func (b *builder) directoryRole(in tf.Instance) (string, bool) {
	if v := known(in, "role_id"); v != "" {
		return strings.ToLower(v), true
	}
	addr, _ := b.m.Resolve(in, "role_id", "azuread_directory_role")
	r, ok := b.dirRoles[addr]
	if !ok {
		return "", false
	}
	if t := known(r, "template_id"); t != "" {
		return strings.ToLower(t), true
	}
	if t, ok := directoryRoleTemplates[strings.ToLower(known(r, "display_name"))]; ok {
		return t, true
	}
	return "", false
}

// principalTypes are the resource types a principal ID may refer to, with
// the snapshot's principal type.
var principalTypes = []struct{ typ, kind string }{
	{"azuread_service_principal", "servicePrincipal"},
	{"azuread_user", "user"},
	{"azuread_group", "group"},
	{"azurerm_user_assigned_identity", "servicePrincipal"},
}

// principal is the principal attr of in names: a service principal of the
// plan (by reference, or by its known object ID), another resource it
// refers to, or the object ID as given ("" kind: the caller's own type).
func (b *builder) principal(in tf.Instance, attr string) (id, kind string, ok bool) {
	if v := known(in, attr); v != "" {
		if k, ok := b.byObjectID[strings.ToLower(v)]; ok {
			return k, b.kinds[k], true
		}
		return strings.ToLower(v), "", true
	}
	for _, p := range principalTypes {
		if addr, _ := b.m.Resolve(in, attr, p.typ); addr != "" {
			return addr, p.kind, true
		}
	}
	return "", "", false
}

// finishDirectory links service principals to their applications, writes
// the directory objects in address order, and records where credentials
// may exist outside the plan.
func (b *builder) finishDirectory(t *snapshot.AzureTenant) {
	for key, sp := range b.sps {
		ref := b.spApp[key]
		app := ref
		if c, ok := strings.CutPrefix(ref, "client:"); ok {
			app = b.byClientID[c]
			sp.AppID = c
		}
		if a, ok := b.apps[app]; ok {
			sp.AppID, sp.DisplayName = a.AppID, a.DisplayName
		}
		// A service principal the plan creates, of an application it
		// creates, has only the plan's credentials; else others may
		// exist, and "no client secret" cannot be told.
		whole := b.created[key] && app != "" && b.created[app]
		if !whole && !b.secrets[key] && !b.secrets[app] {
			b.fail(t.TenantID, "graph", "ListServicePrincipals", CodeCredentialsNotInPlan, b.tenantResource("servicePrincipals", key),
				"the service principal "+key+" or its application exists outside this plan: client secrets it may hold are not shown")
		}
	}
	for _, k := range sortedKeys(b.apps) {
		t.Applications = append(t.Applications, *b.apps[k])
	}
	for _, k := range sortedKeys(b.sps) {
		t.ServicePrincipals = append(t.ServicePrincipals, *b.sps[k])
	}
	sort.SliceStable(t.DirectoryRoleAssignments, func(i, j int) bool {
		return t.DirectoryRoleAssignments[i].ID < t.DirectoryRoleAssignments[j].ID
	})
}
