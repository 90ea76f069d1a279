package gcp

import (
	"sort"
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// crm is the prefix of the full resource names of hierarchy levels.
const crm = "//cloudresourcemanager.googleapis.com/"

// level is a kind of hierarchy level and the attribute its resources
// name it by.
type level struct {
	kind string // organization, folder, project
	attr string // org_id, folder, project
	coll string // organizations, folders, projects
	// orgPolicy is the type of the level's v1 organization policy.
	orgPolicy string
}

var levels = []level{
	{"organization", "org_id", "organizations", "google_organization_policy"},
	{"folder", "folder", "folders", "google_folder_organization_policy"},
	{"project", "project", "projects", "google_project_organization_policy"},
}

// container is a hierarchy level the plan sets something on, with what
// the plan shows of it.
type container struct {
	c snapshot.GCPContainer
	// bindings by role and condition, in the order first seen.
	bindings map[string]*snapshot.GCPBinding
	order    []string
	// hasBindings: some resource sets bindings here; authoritative: a
	// google_*_iam_policy sets the whole policy.
	hasBindings, authoritative bool
	// audit holds the declared audit configs by service; auditKnown is
	// true once the allServices config is known.
	audit      map[string]*snapshot.GCPAuditConfig
	auditKnown bool
	orgs       []snapshot.GCPOrgPolicy
	// known is false for a level whose ID is unknown until apply: it is
	// named by the address of the resource that set it.
	known bool
}

// builder collects the google_* resources of one plan: the Google
// provider's state in a terraform.Mapping.
type builder struct {
	m          *tf.Mapping
	containers map[string]*container // by name
	sas        map[string]*snapshot.GCPServiceAccount
	saCreated  map[string]bool
	keys       []snapshot.GCPServiceAccountKey
	sinks      []snapshot.GCPLogSink
	wif        []snapshot.GCPWIFProvider
	instances  []snapshot.GCPInstance
	// accounts are the projects the plan's resources live in, for scopes.
	accounts map[string]bool
}

func newBuilder(m *tf.Mapping) *builder {
	return &builder{
		m: m, containers: map[string]*container{}, sas: map[string]*snapshot.GCPServiceAccount{},
		saCreated: map[string]bool{}, accounts: map[string]bool{},
	}
}

// providerProject is the project of the provider block in uses (its
// provider_config_key, else the default "google" block), "" when not a
// constant of the configuration.
func (b *builder) providerProject(in tf.Instance) string {
	key := b.m.ProviderKey(in)
	if key == "" {
		key = Name
	}
	for _, k := range []string{key, Name} {
		if s, ok := b.m.ProviderConstant(k, "project").(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// project is the project a resource lives in: its project attribute, else
// the provider's. ok is false when neither is known before apply.
func (b *builder) project(in tf.Instance) (string, bool) {
	if tf.UnknownAt(in.Unknown, "project") {
		return "", false
	}
	if p := strings.TrimPrefix(in.After.Str("project"), "projects/"); p != "" {
		return p, true
	}
	p := b.providerProject(in)
	return p, p != ""
}

// levelID is the ID of the level of kind lv that in sets something on:
// a project ID, a folder or organization number. ok is false when it is
// unknown until apply.
func (b *builder) levelID(lv level, in tf.Instance) (string, bool) {
	if lv.kind == "project" {
		return b.project(in)
	}
	if tf.UnknownAt(in.Unknown, lv.attr) {
		return "", false
	}
	id := strings.TrimPrefix(in.After.Str(lv.attr), lv.coll+"/")
	return id, id != ""
}

// level returns the container of kind lv that in sets something on,
// creating it. A level whose ID is unknown until apply is named by in's
// address, and what depends on it is ERROR (recorded by the caller with
// unknownLevel).
func (b *builder) level(lv level, in tf.Instance) *container {
	id, ok := b.levelID(lv, in)
	if ok {
		return b.levelNamed(lv, id)
	}
	return b.container(lv, in.Address, "", "", false)
}

// levelNamed returns the container of the level of kind lv with ID id.
func (b *builder) levelNamed(lv level, id string) *container {
	account := id
	if lv.kind != "project" {
		account = lv.coll + "/" + id
	}
	return b.container(lv, crm+lv.coll+"/"+id, account, id, true)
}

// container returns the container called name, creating it.
func (b *builder) container(lv level, name, account, id string, ok bool) *container {
	if c := b.containers[name]; c != nil {
		return c
	}
	c := &container{
		c:        snapshot.GCPContainer{Name: name, Type: lv.kind, Account: account, ID: id},
		bindings: map[string]*snapshot.GCPBinding{}, audit: map[string]*snapshot.GCPAuditConfig{},
		known: ok,
	}
	if lv.kind == "organization" && ok {
		// An organization is the top of its hierarchy; what is above a
		// folder or project is not in the plan.
		c.c.Ancestors = []string{}
	}
	if ok && lv.kind == "project" {
		b.accounts[id] = true
	}
	b.containers[name] = c
	return c
}

// knownLevel is level for what only a known level can use (audit
// configs, organization policies, sinks prove a PASS only where they
// are): when the level is unknown until apply it records why and gives
// nothing.
func (b *builder) knownLevel(lv level, in tf.Instance, content string) (*container, bool) {
	if _, ok := b.levelID(lv, in); !ok {
		b.unknownLevel(lv, in, content)
		return nil, false
	}
	return b.level(lv, in), true
}

// unknownLevel records that the level of in is unknown until apply.
func (b *builder) unknownLevel(lv level, in tf.Instance, content string) {
	b.m.Fail(unknownError(content, lv.attr, in.Address, in.Address))
}

// finish writes the gcp section, the scopes and the errors of what the
// plan does not show.
func (b *builder) finish(s *snapshot.Snapshot) {
	g := &snapshot.GCP{
		Content:       []string{snapshot.GCPContentIAMPolicy, snapshot.GCPContentOrgPolicy, snapshot.GCPContentResource},
		Organizations: []snapshot.GCPContainer{}, Folders: []snapshot.GCPContainer{}, Projects: []snapshot.GCPContainer{},
		ResourceIAMPolicies: []snapshot.GCPResourceIAMPolicy{}, ServiceAccounts: []snapshot.GCPServiceAccount{},
		ServiceAccountKeys: b.keys, LogSinks: b.sinks, WorkloadIdentityProviders: b.wif, Instances: b.instances,
	}
	for _, name := range sortedKeys(b.containers) {
		c := b.containers[name]
		out := c.c
		if c.hasBindings || c.auditKnown {
			out.IAMPolicy = &snapshot.GCPIAMPolicy{}
		}
		if c.hasBindings {
			out.IAMPolicy.Bindings = []snapshot.GCPBinding{}
			for _, k := range c.order {
				out.IAMPolicy.Bindings = append(out.IAMPolicy.Bindings, *c.bindings[k])
			}
		}
		if c.auditKnown {
			out.IAMPolicy.AuditConfigs = []snapshot.GCPAuditConfig{}
			for _, svc := range sortedKeys(c.audit) {
				out.IAMPolicy.AuditConfigs = append(out.IAMPolicy.AuditConfigs, *c.audit[svc])
			}
		}
		out.OrgPolicies = c.orgs
		switch out.Type {
		case "organization":
			g.Organizations = append(g.Organizations, out)
		case "folder":
			g.Folders = append(g.Folders, out)
		default:
			g.Projects = append(g.Projects, out)
		}
		if c.known {
			b.accounts[out.Account] = true
		}
		// A plan shows the organization policies and sinks it declares,
		// not those set elsewhere: only a PASS they prove is reported.
		for _, e := range []struct{ content, what string }{
			{snapshot.GCPContentOrgPolicy, "organization policies set outside this plan"},
			{snapshot.GCPContentResource, "log sinks outside this plan"},
		} {
			b.m.Fail(snapshot.CollectionError{Provider: provider, Account: out.Account, Service: snapshot.GCPServiceAsset, Operation: e.content,
				Code: tf.CodeNotInPlan, Resource: out.Name, Message: "a Terraform plan does not show " + e.what})
		}
	}
	for _, addr := range sortedKeys(b.sas) {
		g.ServiceAccounts = append(g.ServiceAccounts, *b.sas[addr])
	}
	if g.ServiceAccountKeys == nil {
		g.ServiceAccountKeys = []snapshot.GCPServiceAccountKey{}
	}
	if g.LogSinks == nil {
		g.LogSinks = []snapshot.GCPLogSink{}
	}
	if g.WorkloadIdentityProviders == nil {
		g.WorkloadIdentityProviders = []snapshot.GCPWIFProvider{}
	}
	if g.Instances == nil {
		g.Instances = []snapshot.GCPInstance{}
	}
	s.GCP = g
	for _, a := range sortedKeys(b.accounts) {
		s.Scopes = append(s.Scopes, snapshot.Scope{Provider: provider, Account: a, Resource: scopeResource(a)})
	}
}

// scopeResource is the full name of the level an account names.
func scopeResource(account string) string {
	if strings.HasPrefix(account, "organizations/") || strings.HasPrefix(account, "folders/") {
		return crm + account
	}
	return crm + "projects/" + account
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
