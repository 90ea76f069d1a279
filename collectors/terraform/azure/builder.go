package azure

import (
	"regexp"
	"sort"
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// knownAfterApply stands for a value the plan leaves to the provider that
// will be set (a destination created in the same plan).
const knownAfterApply = "(known after apply)"

// builder collects the Azure resources of one plan into one tenant: the
// provider's state in a terraform.Mapping.
type builder struct {
	m        *tf.Mapping
	tenantID string
	subs     map[string]*subState

	// Directory objects, by key: the resource's address, or the object
	// ID of one the plan only names.
	apps             map[string]*snapshot.AzureApplication
	sps              map[string]*snapshot.AzureServicePrincipal
	kinds            map[string]string // key → "servicePrincipal", ...
	created          map[string]bool   // keys of objects the plan creates
	spApp            map[string]string // service principal key → application key
	byObjectID       map[string]string // known object ID → key
	byClientID       map[string]string // known client (app) ID → application key
	secrets          map[string]bool   // keys of apps and SPs the plan gives a password
	dirRoles         map[string]tf.Instance
	dirAssignments   []snapshot.AzureRoleAssignment
	directoryMapped  bool
	lighthouseByAddr map[string]tf.Instance
}

// subState is one subscription being built, with what the plan could not
// tell about it.
type subState struct {
	sub snapshot.AzureSubscription
	// unknown holds, per operation, the unknown values that keep the
	// subscription-wide verdict undecided.
	unknown map[string][]string
	// pricings are the Defender plans the plan declares.
	pricings map[string]bool
}

// builder returns the plan's builder, creating it on the first Azure
// resource: a plan without one gets no Azure section.
func (p *Provider) builder(m *tf.Mapping) *builder {
	return tf.State(m, Name, func() *builder {
		return &builder{
			m: m, tenantID: providerTenant(m), subs: map[string]*subState{},
			apps: map[string]*snapshot.AzureApplication{}, sps: map[string]*snapshot.AzureServicePrincipal{}, kinds: map[string]string{},
			created: map[string]bool{}, spApp: map[string]string{}, byObjectID: map[string]string{}, byClientID: map[string]string{},
			secrets: map[string]bool{}, dirRoles: map[string]tf.Instance{}, lighthouseByAddr: map[string]tf.Instance{},
		}
	})
}

// providerTenant is the tenant_id of the azuread provider block, else of
// the azurerm one; "" when neither sets it as a constant.
func providerTenant(m *tf.Mapping) string {
	for _, name := range []string{"azuread", "azurerm"} {
		for _, k := range m.ProviderKeys(name) {
			if s, ok := m.ProviderConstant(k, "tenant_id").(string); ok && s != "" {
				return strings.ToLower(s)
			}
		}
	}
	return ""
}

var subscriptionPrefix = regexp.MustCompile(`(?i)^/subscriptions/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(/|$)`)

// subscriptionOf is the subscription ID an ARM ID or scope lies in, "" when
// it lies in none (a management group, the tenant root).
func subscriptionOf(id string) string {
	if m := subscriptionPrefix.FindStringSubmatch(id); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// subscriptionFor is the subscription of in: the one its scope attribute
// (when known) lies in, else the subscription_id of the azurerm provider
// block it uses (its own, else the default one), else "".
func (b *builder) subscriptionFor(in tf.Instance, scopeAttr string) string {
	if scopeAttr != "" && !tf.UnknownAt(in.Unknown, scopeAttr) {
		if id := subscriptionOf(in.After.Str(scopeAttr)); id != "" {
			return id
		}
	}
	key := b.m.ProviderKey(in)
	for _, k := range []string{key, "azurerm"} {
		if s, ok := b.m.ProviderConstant(k, "subscription_id").(string); ok && s != "" {
			return strings.ToLower(s)
		}
	}
	return ""
}

// sub returns the subscription with this ID, creating it.
func (b *builder) sub(id string) *subState {
	s, ok := b.subs[id]
	if !ok {
		s = &subState{sub: snapshot.AzureSubscription{SubscriptionID: id, DisplayName: "terraform plan"}, unknown: map[string][]string{}, pricings: map[string]bool{}}
		b.subs[id] = s
	}
	return s
}

func subResource(id string) string { return "/subscriptions/" + id }

func (b *builder) tenantResource(kind, id string) string {
	return "/tenants/" + b.tenantID + "/" + kind + "/" + id
}

// fail records an error of service:op confined to resource in account.
func (b *builder) fail(account, service, op, code, resource, msg string) {
	b.m.Fail(snapshot.CollectionError{Provider: "azure", Account: account, Service: service, Operation: op, Code: code, Resource: resource, Message: msg})
}

// unknown records that attr of in is unknown until apply, for the results
// at resource (in account) of the controls resting on service:op.
func (b *builder) unknown(account, service, op, attr string, in tf.Instance, resource string) {
	b.fail(account, service, op, tf.CodeUnknownUntilApply, resource, tf.UnknownText(attr, in.Address))
}

// finish writes the tenant with its subscriptions, the scopes, and what
// the plan cannot show about them.
func (b *builder) finish(s *snapshot.Snapshot) {
	t := snapshot.AzureTenant{
		TenantID: b.tenantID, DisplayName: "terraform plan",
		// A role assignment Terraform makes is an active assignment
		// without end: none of the plan's is a PIM activation or an
		// eligibility. Groups holding roles are not read from plans.
		DirectoryRoleAssignments:         b.dirAssignments,
		DirectoryRoleAssignmentSchedules: []snapshot.AzureRoleSchedule{},
		DirectoryRoleEligibilities:       []snapshot.AzureRoleSchedule{},
		Groups:                           []snapshot.AzureGroup{},
		Applications:                     []snapshot.AzureApplication{},
		ServicePrincipals:                []snapshot.AzureServicePrincipal{},
		Subscriptions:                    []snapshot.AzureSubscription{},
	}
	if t.DirectoryRoleAssignments == nil {
		t.DirectoryRoleAssignments = []snapshot.AzureRoleAssignment{}
	}
	b.finishDirectory(&t)
	if b.directoryMapped {
		s.Scopes = append(s.Scopes, snapshot.Scope{Provider: "azure", Account: t.TenantID, Name: "terraform plan", Resource: "/tenants/" + t.TenantID})
	}
	for _, id := range sortedKeys(b.subs) {
		st := b.subs[id]
		b.finishSubscription(st)
		t.Subscriptions = append(t.Subscriptions, st.sub)
		s.Scopes = append(s.Scopes, snapshot.Scope{Provider: "azure", Account: id, Name: "terraform plan", Resource: subResource(id)})
	}
	if s.Azure == nil {
		s.Azure = &snapshot.Azure{}
	}
	s.Azure.Tenants = append(s.Azure.Tenants, t)
}

// finishSubscription records what the plan cannot show about a
// subscription's settings. A subscription may have diagnostic settings
// and alerts outside the plan: when the plan declares some, a PASS they
// prove stands and their absence is not reported (NotInPlan), unless one
// of them has values unknown until apply, which leaves the verdict
// undecided (ERROR). A Defender plan the plan does not declare is not
// reported.
func (b *builder) finishSubscription(st *subState) {
	id := st.sub.SubscriptionID
	for _, e := range []struct {
		declared    bool
		service, op string
		what        string
	}{
		{st.sub.DiagnosticSettings != nil, "monitor", "ListDiagnosticSettings", "diagnostic settings of the activity log outside this plan"},
		{st.sub.ActivityLogAlerts != nil, "monitor", "ListActivityLogAlerts", "activity log alerts outside this plan"},
	} {
		if !e.declared {
			continue
		}
		if u := st.unknown[e.op]; len(u) > 0 {
			sort.Strings(u)
			b.fail(id, e.service, e.op, tf.CodeUnknownUntilApply, subResource(id), strings.Join(u, "; "))
			continue
		}
		b.fail(id, e.service, e.op, tf.CodeNotInPlan, subResource(id), "a Terraform plan does not show "+e.what)
	}
	if st.sub.DefenderPricings != nil {
		for _, plan := range defenderPlans {
			if !st.pricings[strings.ToLower(plan)] {
				b.fail(id, "security", "ListPricings", tf.CodeNotInPlan, pricingResource(id, plan),
					"the plan declares no azurerm_security_center_subscription_pricing for "+plan)
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
