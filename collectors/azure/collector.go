package azure

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/snapshot"
)

// Collector is Azure as a collectors.Collector: its flags say which cloud,
// tenant and subscriptions to collect.
type Collector struct {
	cloud, tenant string
	subscriptions []string
	parallel      int
}

// New returns the Azure collector with its flags at their defaults.
func New() *Collector { return &Collector{} }

// Name implements collectors.Collector.
func (*Collector) Name() string { return "azure" }

// Help implements collectors.Collector.
func (*Collector) Help() (short, long string) {
	return "an Entra ID tenant and its Azure subscriptions",
		"Collect an Entra ID tenant (users, roles, PIM, Conditional Access, applications) through Microsoft\n" +
			"Graph and its subscriptions (RBAC, PIM, activity log, Defender, Lighthouse) through Azure Resource\n" +
			"Manager, with read-only calls only (see collectors/azure/permissions.json and docs/scanning-azure.md).\n" +
			"Credentials come from DefaultAzureCredential: environment, workload identity, managed identity,\n" +
			"Azure CLI. Failed calls, and data the tenant's licences do not give, are recorded in the snapshot."
}

// RegisterFlags implements collectors.Collector.
func (c *Collector) RegisterFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.cloud, "cloud", "AzurePublic", "Azure cloud: "+strings.Join(CloudNames(), ", ")+", or a `FILE.json` with authority_host, resource_manager_endpoint, resource_manager_audience and graph_endpoint")
	fs.StringVar(&c.tenant, "tenant", "", "tenant `ID` to collect (default: the credential's home tenant)")
	fs.StringSliceVar(&c.subscriptions, "subscriptions", nil, "collect only these subscription `IDs` (comma-separated; default: every subscription of the tenant the identity can read)")
	fs.IntVar(&c.parallel, "parallel", 8, "subscriptions collected at once")
}

// Collect implements collectors.Collector.
func (c *Collector) Collect(ctx context.Context, env collectors.Env) (*snapshot.Snapshot, error) {
	if c.parallel < 1 {
		return nil, fmt.Errorf("--parallel must be at least 1")
	}
	for _, id := range c.subscriptions {
		if !isGUID(id) {
			return nil, fmt.Errorf("--subscriptions %q: expected a subscription ID (GUID)", id)
		}
	}
	if c.tenant != "" && !isGUID(c.tenant) {
		return nil, fmt.Errorf("--tenant %q: expected a tenant ID (GUID)", c.tenant)
	}
	opts := Options{Cloud: c.cloud, Tenant: c.tenant, Subscriptions: c.subscriptions, Parallel: c.parallel, Version: env.Version, Now: env.Now, Owns: env.Owns}
	if env.Progress != nil {
		opts.Progress = func(msg string) { env.Progress("%s", msg) }
	}
	return Collect(ctx, opts)
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case !strings.ContainsRune("0123456789abcdefABCDEF", r):
			return false
		}
	}
	return true
}
