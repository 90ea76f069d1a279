// Package azure collects an Entra ID tenant and its Azure subscriptions
// into a rampart snapshot with read-only calls: Microsoft Graph v1.0
// through azcore's pipeline and Azure Resource Manager through the SDK's
// resource manager modules.
//
// Collection never stops at the first failed call: every call that does
// not return its data is recorded in the snapshot's errors (under the
// tenant or subscription ID) and the data it would have filled stays nil,
// so the controls that need it report ERROR instead of a false PASS.
package azure

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resources/armsubscriptions"

	"github.com/rampart-sec/rampart/snapshot"
)

const (
	moduleName    = "rampart/collectors/azure"
	moduleVersion = "v1.0.0"
)

// Options configures a collection. The zero value collects the signed-in
// identity's home tenant and every subscription it can see in it, in the
// public cloud, with DefaultAzureCredential.
type Options struct {
	// Cloud is --cloud: a cloud name or a JSON file (see ResolveCloud).
	Cloud string
	// Tenant is the tenant to collect ("" = the credential's home tenant).
	Tenant string
	// Subscriptions restricts collection to these subscription IDs; empty
	// means every subscription of the tenant the identity can read.
	Subscriptions []string
	// Parallel bounds the subscriptions collected at once (default 8).
	Parallel int

	// Version is written as the snapshot's collector version.
	Version string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Progress, when set, receives one line per step.
	Progress func(msg string)

	// Credential replaces DefaultAzureCredential (tests, embedding).
	Credential azcore.TokenCredential
	// Transport replaces the HTTP client of every ARM and Graph call
	// (tests pass one trusting their TLS server's certificate).
	Transport policy.Transporter
	// Retry tunes the retry policy; zero fields take the collector's
	// defaults: 5 retries, MaxRetryDelay 5 minutes so that Graph's long
	// Retry-After answers are waited out instead of giving up.
	Retry policy.RetryOptions

	// Calls, when set, counts every HTTP request sent to ARM and Graph.
	Calls *atomic.Int64

	// Owns, when set, makes the run one shard of a sharded scan (see
	// collectors.Env.Owns): it says which scope IDs — the tenant ID and
	// subscription IDs — this shard owns (see sharding.go).
	Owns func(scopeID string) bool
}

// collection is the state of one run.
type collection struct {
	opts        Options
	rec         *recorder
	cred        azcore.TokenCredential
	graph       *graphClient
	arm         *arm.Client
	armOptions  *arm.ClientOptions
	armEndpoint string
	progress    sync.Mutex
}

func (c *collection) report(format string, args ...any) {
	if c.opts.Progress == nil {
		return
	}
	c.progress.Lock()
	defer c.progress.Unlock()
	c.opts.Progress(fmt.Sprintf(format, args...))
}

// ok records err, if any, as a failed Graph call of the tenant.
func (c *collection) ok(tenant, op string, err error) bool {
	return c.okIn(tenant, "graph", op, err)
}

// okIn records err, if any, for account; it reports whether there was none.
func (c *collection) okIn(account, service, op string, err error) bool {
	if err != nil {
		c.rec.fail(account, service, op, err)
		return false
	}
	return true
}

// Collect collects the tenant and its subscriptions into one snapshot. It
// returns an error only when nothing can be collected: a bad --cloud, no
// credential, or a tenant that cannot be identified. Every other failure
// is recorded in the snapshot's errors.
func Collect(ctx context.Context, opts Options) (*snapshot.Snapshot, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Parallel <= 0 {
		opts.Parallel = 8
	}
	started := opts.Now().UTC().Truncate(time.Second)
	cl, err := ResolveCloud(opts.Cloud)
	if err != nil {
		return nil, err
	}
	c := &collection{opts: opts, rec: &recorder{}}
	if c.cred, err = credential(cl, opts); err != nil {
		return nil, fmt.Errorf("azure: credentials: %w", err)
	}
	copts := policy.ClientOptions{Cloud: cl.Config, Transport: opts.Transport, Retry: retry(opts.Retry)}
	armEP := cl.Config.Services[cloudRM()].Endpoint
	u, err := url.Parse(armEP)
	if err != nil {
		return nil, fmt.Errorf("azure: resource manager endpoint %q: %w", armEP, err)
	}
	armCopts := copts
	armCopts.PerCallPolicies = []policy.Policy{allowlistPolicy{prefix: strings.TrimRight(u.Path, "/")}, countPolicy{opts.Calls}}
	c.armOptions = &arm.ClientOptions{ClientOptions: armCopts}
	c.armEndpoint = armEP
	if c.arm, err = arm.NewClient(moduleName, moduleVersion, c.cred, c.armOptions); err != nil {
		return nil, fmt.Errorf("azure: %w", err)
	}
	if c.graph, err = newGraphClient(cl, c.cred, copts, opts.Calls); err != nil {
		return nil, fmt.Errorf("azure: %w", err)
	}

	tenant, err := c.identify(ctx)
	if err != nil {
		return nil, err
	}
	tenant.Cloud = cl.Name
	c.directory(ctx, tenant)
	resolvePrincipals(tenant)
	c.subscriptions(ctx, tenant)
	c.roleGroups(ctx, tenant)
	c.federated(ctx, tenant)

	s := &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: started,
		Collector:   snapshot.Collector{Name: "rampart", Version: opts.Version},
		Source:      snapshot.SourceAPI,
		Azure:       &snapshot.Azure{Tenants: []snapshot.AzureTenant{*tenant}},
	}
	finish(s, c.rec, c.owns)
	return s, nil
}

// identify reads the tenant's ID and default domain (GET /organization).
// Without it nothing can be attributed, unless --tenant named the tenant.
func (c *collection) identify(ctx context.Context) (*snapshot.AzureTenant, error) {
	orgs, err := list[gOrganization](ctx, c.graph, "/organization", sel("id", "displayName", "verifiedDomains"))
	if err != nil || len(orgs) == 0 {
		if c.opts.Tenant == "" {
			if err == nil {
				err = fmt.Errorf("no organization returned")
			}
			return nil, fmt.Errorf("azure: which tenant is this (graph GET /organization): %w", err)
		}
		if err != nil {
			c.rec.fail(c.opts.Tenant, "graph", "GetOrganization", err)
		}
		return &snapshot.AzureTenant{TenantID: c.opts.Tenant}, nil
	}
	o := orgs[0]
	t := &snapshot.AzureTenant{TenantID: o.ID, DisplayName: o.DisplayName}
	for _, d := range o.VerifiedDomains {
		if d.IsDefault {
			t.DefaultDomain = d.Name
		}
	}
	c.report("tenant %s (%s)", t.TenantID, t.DefaultDomain)
	return t, nil
}

// subscriptions finds the subscriptions to collect and collects them
// concurrently, at most Options.Parallel at once.
func (c *collection) subscriptions(ctx context.Context, t *snapshot.AzureTenant) {
	subs := c.shard(t.TenantID, c.targets(ctx, t.TenantID))
	sem := make(chan struct{}, c.opts.Parallel)
	var wg sync.WaitGroup
	for i := range subs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if !c.owns(subs[i].SubscriptionID) {
				c.rbac(ctx, &subs[i])
				c.report("subscription %s: role assignments read for the tenant-wide controls (another shard owns it)", subs[i].SubscriptionID)
				return
			}
			c.subscription(ctx, &subs[i])
			c.report("subscription %s done", subs[i].SubscriptionID)
		}()
	}
	wg.Wait()
	sort.Slice(subs, func(i, j int) bool { return subs[i].SubscriptionID < subs[j].SubscriptionID })
	t.Subscriptions = subs
}

// targets lists the tenant's subscriptions, or reads the ones named.
func (c *collection) targets(ctx context.Context, tenant string) []snapshot.AzureSubscription {
	client, err := armsubscriptions.NewClient(c.cred, c.armOptions)
	if err != nil {
		c.rec.fail(tenant, "subscriptions", "ListSubscriptions", err)
		return []snapshot.AzureSubscription{}
	}
	out := []snapshot.AzureSubscription{}
	if len(c.opts.Subscriptions) > 0 {
		for _, id := range c.opts.Subscriptions {
			s := snapshot.AzureSubscription{SubscriptionID: strings.ToLower(id)}
			if r, err := client.Get(ctx, id, nil); c.okIn(s.SubscriptionID, "subscriptions", "GetSubscription", err) {
				s.DisplayName, s.State = str(r.DisplayName), string(deref(r.State))
			}
			out = append(out, s)
		}
		return out
	}
	v, err := pages(ctx, client.NewListPager(nil), func(p armsubscriptions.ClientListResponse) []*armsubscriptions.Subscription { return p.Value })
	if !c.okIn(tenant, "subscriptions", "ListSubscriptions", err) {
		return out
	}
	for _, s := range v {
		if s.TenantID != nil && !strings.EqualFold(*s.TenantID, tenant) {
			continue // another tenant's subscription the identity can see
		}
		out = append(out, snapshot.AzureSubscription{SubscriptionID: strings.ToLower(str(s.SubscriptionID)), DisplayName: str(s.DisplayName), State: string(deref(s.State))})
	}
	return out
}

func retry(r policy.RetryOptions) policy.RetryOptions {
	if r.MaxRetries == 0 {
		r.MaxRetries = 5
	}
	if r.MaxRetryDelay == 0 {
		r.MaxRetryDelay = 5 * time.Minute
	}
	return r
}

// credential is DefaultAzureCredential (environment, workload identity,
// managed identity, Azure CLI, ...) for the cloud and tenant, unless the
// caller gave one. A custom cloud's authority is not a Microsoft one known
// to instance discovery, so discovery is off there.
func credential(cl Cloud, opts Options) (azcore.TokenCredential, error) {
	if opts.Credential != nil {
		return opts.Credential, nil
	}
	return azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
		ClientOptions:            policy.ClientOptions{Cloud: cl.Config, Transport: opts.Transport},
		TenantID:                 opts.Tenant,
		DisableInstanceDiscovery: cl.Custom,
	})
}

// finish fills the scopes and errors and sorts what the APIs return in no
// fixed order, so two collections of the same world are byte-identical.
// Only the scopes the run owns are listed (all of them when unsharded).
func finish(s *snapshot.Snapshot, rec *recorder, owns func(string) bool) {
	s.Scopes = []snapshot.Scope{}
	for i := range s.Azure.Tenants {
		t := &s.Azure.Tenants[i]
		sortTenant(t)
		if owns(t.TenantID) {
			s.Scopes = append(s.Scopes, snapshot.Scope{Provider: "azure", Account: t.TenantID, Name: t.DefaultDomain, Resource: "/tenants/" + t.TenantID})
		}
		for _, sub := range t.Subscriptions {
			if owns(sub.SubscriptionID) {
				s.Scopes = append(s.Scopes, snapshot.Scope{Provider: "azure", Account: sub.SubscriptionID, Name: sub.DisplayName, Resource: "/subscriptions/" + sub.SubscriptionID})
			}
		}
	}
	s.Errors = rec.sorted()
}
