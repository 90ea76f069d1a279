// Package gcp collects a Google Cloud organization, folder or project into
// a snapshot through Cloud Asset Inventory — live with ListAssets, or
// offline from the files `gcloud asset export` and `gcloud asset list`
// write. Both paths feed the same Builder, so a live scan and an export of
// the same organization give the same snapshot.
package gcp

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"cloud.google.com/go/asset/apiv1/assetpb"

	"github.com/rampart-sec/rampart/snapshot"
)

// Builder turns CAI assets into the snapshot's gcp section. It keeps
// everything by full resource name, so the same asset seen twice (one file
// per content type) is merged, not duplicated.
type Builder struct {
	content    map[string]bool
	containers map[string]*snapshot.GCPContainer
	iamSeen    map[string]bool
	orgSeen    map[string]bool
	resIAM     map[string]*snapshot.GCPResourceIAMPolicy
	resProject map[string]string // resource name → project container name, from ancestors/parent
	sas        map[string]*snapshot.GCPServiceAccount
	keys       map[string]*snapshot.GCPServiceAccountKey
	sinks      map[string]*snapshot.GCPLogSink
	wif        map[string]*snapshot.GCPWIFProvider
	instances  map[string]*snapshot.GCPInstance
	orgV2      map[string][]snapshot.GCPOrgPolicy // container name → v2 policies
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{
		content:    map[string]bool{},
		containers: map[string]*snapshot.GCPContainer{},
		iamSeen:    map[string]bool{},
		orgSeen:    map[string]bool{},
		resIAM:     map[string]*snapshot.GCPResourceIAMPolicy{},
		resProject: map[string]string{},
		sas:        map[string]*snapshot.GCPServiceAccount{},
		keys:       map[string]*snapshot.GCPServiceAccountKey{},
		sinks:      map[string]*snapshot.GCPLogSink{},
		wif:        map[string]*snapshot.GCPWIFProvider{},
		instances:  map[string]*snapshot.GCPInstance{},
		orgV2:      map[string][]snapshot.GCPOrgPolicy{},
	}
}

// HaveContent records that a content type was read (collected, or present
// in an export) even if no asset carried it.
func (b *Builder) HaveContent(ct string) { b.content[ct] = true }

// Content reports whether a content type was read.
func (b *Builder) Content(ct string) bool { return b.content[ct] }

// Add takes one asset. Assets of types rampart does not judge still
// contribute their IAM policy (resource_iam_policies).
func (b *Builder) Add(a *assetpb.Asset) {
	if a.GetResource() != nil {
		b.content[snapshot.GCPContentResource] = true
	}
	if a.GetIamPolicy() != nil {
		b.content[snapshot.GCPContentIAMPolicy] = true
	}
	if len(a.GetOrgPolicy()) > 0 {
		b.content[snapshot.GCPContentOrgPolicy] = true
	}
	if p := projectAncestor(a); p != "" {
		b.resProject[a.GetName()] = p
	}
	switch a.GetAssetType() {
	case typeOrganization, typeFolder, typeProject:
		b.addContainer(a)
		return
	}
	if a.GetIamPolicy() != nil {
		r := &snapshot.GCPResourceIAMPolicy{Name: a.GetName(), AssetType: a.GetAssetType(), Bindings: bindings(a.GetIamPolicy())}
		b.resIAM[a.GetName()] = r
	}
	if a.GetResource() == nil {
		return
	}
	data := a.GetResource().GetData()
	if data == nil {
		return
	}
	raw, err := data.MarshalJSON()
	if err != nil {
		return
	}
	switch a.GetAssetType() {
	case typeSA:
		b.addSA(a, raw)
	case typeSAKey:
		b.addKey(a, raw)
	case typeSink:
		b.addSink(a, raw)
	case typeWIFProvider:
		b.addWIF(a, raw)
	case typeInstance:
		b.addInstance(a, raw)
	case typeOrgPolicyV2:
		b.addOrgPolicyV2(a, raw)
	}
}

// projectAncestor is the full name of the project an asset belongs to,
// from its ancestors or its resource's parent.
func projectAncestor(a *assetpb.Asset) string {
	for _, anc := range a.GetAncestors() {
		if strings.HasPrefix(anc, "projects/") {
			return fullName(anc)
		}
	}
	if p := a.GetResource().GetParent(); strings.HasPrefix(p, crm+"projects/") {
		return p
	}
	return ""
}

// container returns the level named name, creating it.
func (b *Builder) container(name string) *snapshot.GCPContainer {
	if c, ok := b.containers[name]; ok {
		return c
	}
	kind, id, _ := levelOf(name)
	c := &snapshot.GCPContainer{Name: name, Type: kind, ID: id}
	if kind == "project" && snapshot.IsGCPNumber(id) {
		c.Number = id
		c.ID = ""
	}
	b.containers[name] = c
	return c
}

type containerData struct {
	Name           string `json:"name"`
	DisplayName    string `json:"displayName"`
	LifecycleState string `json:"lifecycleState"`
	State          string `json:"state"`
	ProjectID      string `json:"projectId"`
	ProjectNumber  string `json:"projectNumber"`
	// Parent is a string in Resource Manager v2/v3 ("organizations/1")
	// and an object in v1 ({"type": "folder", "id": "2"}).
	Parent json.RawMessage `json:"parent"`
}

func (b *Builder) addContainer(a *assetpb.Asset) {
	c := b.container(a.GetName())
	if len(a.GetAncestors()) > 0 {
		c.Ancestors = []string{}
		for _, anc := range a.GetAncestors() {
			if full := fullName(anc); full != c.Name && !sameLevel(full, c) {
				c.Ancestors = append(c.Ancestors, full)
			}
		}
		if len(c.Ancestors) > 0 {
			c.Parent = c.Ancestors[0]
		}
	}
	if c.Type == "organization" && c.Ancestors == nil && a.GetResource() != nil {
		c.Ancestors = []string{} // an organization has nothing above it
	}
	if r := a.GetResource(); r != nil {
		if c.Parent == "" && r.GetParent() != "" {
			c.Parent = r.GetParent()
		}
		if r.GetData() != nil {
			raw, _ := r.GetData().MarshalJSON()
			var d containerData
			if json.Unmarshal(raw, &d) == nil {
				c.DisplayName = first(d.DisplayName, c.DisplayName)
				c.LifecycleState = first(d.LifecycleState, d.State, c.LifecycleState)
				if c.Type == "project" {
					c.ID = first(d.ProjectID, c.ID)
					c.Number = first(d.ProjectNumber, c.Number)
					if c.DisplayName == "" && d.Name != "" && !strings.Contains(d.Name, "/") {
						c.DisplayName = d.Name // v1 Project.name is the display name
					}
				}
				if c.Parent == "" {
					c.Parent = parentOf(d.Parent)
				}
			}
		}
	}
	if p := a.GetIamPolicy(); p != nil {
		c.IAMPolicy = &snapshot.GCPIAMPolicy{Bindings: bindings(p), AuditConfigs: auditConfigs(p)}
		b.iamSeen[c.Name] = true
	}
	if ops := a.GetOrgPolicy(); len(ops) > 0 {
		c.OrgPolicies = nil
		for _, op := range ops {
			c.OrgPolicies = append(c.OrgPolicies, orgPolicyV1(op))
		}
		b.orgSeen[c.Name] = true
	}
}

// sameLevel reports whether a full name denotes c itself under its other
// name (a project's ancestors name it by number, its asset may use the ID).
func sameLevel(full string, c *snapshot.GCPContainer) bool {
	kind, id, ok := levelOf(full)
	return ok && kind == c.Type && (id == c.ID || id == c.Number)
}

func parentOf(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return fullName(s)
	}
	var o struct{ Type, ID string }
	if json.Unmarshal(raw, &o) == nil && o.ID != "" {
		switch o.Type {
		case "organization":
			return crm + "organizations/" + o.ID
		case "folder":
			return crm + "folders/" + o.ID
		}
	}
	return ""
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func parseTime(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil
	}
	t = t.UTC()
	return &t
}

// Build returns the gcp section: every list sorted by name, accounts
// resolved to project IDs, and the levels whose IAM or org policies the
// content read but no asset set given empty ones.
func (b *Builder) Build() *snapshot.GCP {
	g := &snapshot.GCP{}
	for ct := range b.content {
		g.Content = append(g.Content, ct)
	}
	sort.Strings(g.Content)
	if g.Content == nil {
		g.Content = []string{}
	}
	// A project is known by number in ancestors and by ID in names: map
	// both to one container.
	byNumber := map[string]*snapshot.GCPContainer{}
	byID := map[string]*snapshot.GCPContainer{}
	for _, c := range b.containers {
		if c.Type == "project" {
			if c.Number != "" {
				byNumber[c.Number] = c
			}
			if c.ID != "" {
				byID[c.ID] = c
			}
		}
	}
	accountOf := func(containerName string) string {
		if c, ok := b.containers[containerName]; ok {
			return account(c)
		}
		if kind, id, ok := levelOf(containerName); ok {
			if kind == "project" {
				if c, ok := byNumber[id]; ok {
					return account(c)
				}
				return id
			}
			return kind + "s/" + id
		}
		return ""
	}
	projectAccount := func(segment string) string {
		if c, ok := byNumber[segment]; ok {
			return account(c)
		}
		if c, ok := byID[segment]; ok {
			return account(c)
		}
		return segment
	}
	names := sortedKeys(b.containers)
	for _, n := range names {
		c := *b.containers[n]
		c.Account = account(&c)
		if c.IAMPolicy == nil && b.content[snapshot.GCPContentIAMPolicy] {
			c.IAMPolicy = &snapshot.GCPIAMPolicy{Bindings: []snapshot.GCPBinding{}, AuditConfigs: []snapshot.GCPAuditConfig{}}
		}
		if v2 := b.orgV2[c.Name]; len(v2) > 0 {
			c.OrgPolicies = append(append([]snapshot.GCPOrgPolicy{}, c.OrgPolicies...), v2...)
		}
		if c.OrgPolicies == nil && (b.content[snapshot.GCPContentOrgPolicy]) {
			c.OrgPolicies = []snapshot.GCPOrgPolicy{}
		}
		sort.SliceStable(c.OrgPolicies, func(i, j int) bool {
			return c.OrgPolicies[i].Constraint+c.OrgPolicies[i].Version < c.OrgPolicies[j].Constraint+c.OrgPolicies[j].Version
		})
		switch c.Type {
		case "organization":
			g.Organizations = append(g.Organizations, c)
		case "folder":
			g.Folders = append(g.Folders, c)
		default:
			g.Projects = append(g.Projects, c)
		}
	}
	resAccount := func(name string) string {
		if p, ok := b.resProject[name]; ok {
			return accountOf(p)
		}
		if seg := projectSegment(name); seg != "" {
			return projectAccount(seg)
		}
		return accountOf(containerOf(name))
	}
	for _, n := range sortedKeys(b.resIAM) {
		r := *b.resIAM[n]
		r.Account = resAccount(n)
		g.ResourceIAMPolicies = append(g.ResourceIAMPolicies, r)
	}
	for _, n := range sortedKeys(b.sas) {
		sa := *b.sas[n]
		sa.Account = first(projectAccountIfKnown(sa.Account, byID, byNumber), resAccount(n))
		g.ServiceAccounts = append(g.ServiceAccounts, sa)
	}
	for _, n := range sortedKeys(b.keys) {
		k := *b.keys[n]
		k.Account = resAccount(n)
		g.ServiceAccountKeys = append(g.ServiceAccountKeys, k)
	}
	for _, n := range sortedKeys(b.sinks) {
		s := *b.sinks[n]
		s.Account = accountOf(s.Parent)
		if c, ok := byNumber[strings.TrimPrefix(s.Parent, crm+"projects/")]; ok {
			s.Parent = c.Name
		} else if c, ok := byID[strings.TrimPrefix(s.Parent, crm+"projects/")]; ok {
			s.Parent = c.Name
		}
		g.LogSinks = append(g.LogSinks, s)
	}
	for _, n := range sortedKeys(b.wif) {
		w := *b.wif[n]
		w.Account = resAccount(n)
		g.WorkloadIdentityProviders = append(g.WorkloadIdentityProviders, w)
	}
	for _, n := range sortedKeys(b.instances) {
		i := *b.instances[n]
		i.Account = resAccount(n)
		g.Instances = append(g.Instances, i)
	}
	b.emptyIfRead(g)
	return g
}

// emptyIfRead turns "none found" into an empty list when the content that
// would carry them was read, and leaves nil ("not collected") otherwise.
func (b *Builder) emptyIfRead(g *snapshot.GCP) {
	if g.Organizations == nil {
		g.Organizations = []snapshot.GCPContainer{}
	}
	if g.Folders == nil {
		g.Folders = []snapshot.GCPContainer{}
	}
	if g.Projects == nil {
		g.Projects = []snapshot.GCPContainer{}
	}
	if g.ResourceIAMPolicies == nil && b.content[snapshot.GCPContentIAMPolicy] {
		g.ResourceIAMPolicies = []snapshot.GCPResourceIAMPolicy{}
	}
	if !b.content[snapshot.GCPContentResource] {
		return
	}
	if g.ServiceAccounts == nil {
		g.ServiceAccounts = []snapshot.GCPServiceAccount{}
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
}

func projectAccountIfKnown(seg string, byID, byNumber map[string]*snapshot.GCPContainer) string {
	if seg == "" {
		return ""
	}
	if c, ok := byID[seg]; ok {
		return account(c)
	}
	if c, ok := byNumber[seg]; ok {
		return account(c)
	}
	return seg
}

// account is the scope results about a level carry.
func account(c *snapshot.GCPContainer) string {
	switch c.Type {
	case "organization":
		return "organizations/" + c.ID
	case "folder":
		return "folders/" + c.ID
	}
	return first(c.ID, c.Number)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
