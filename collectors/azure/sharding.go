package azure

import "github.com/rampart-sec/rampart/snapshot"

// Sharding (--shard i/n, Options.Owns). The scopes of an Azure snapshot are
// the tenant (account = tenant ID: the directory controls' results) and
// each subscription (account = subscription ID), and a shard keeps only
// the results of the scopes it owns (history.Shard.Keep). For the shards
// of one run to add up to exactly one unsharded scan, each shard reads
// what its own results rest on:
//
//   - the directory (Graph) is read by every shard: the subscription
//     controls name principals from it and read the tenant's licences (an
//     Owner assignment is "permanent" without Entra ID P2). This is the
//     AWS precedent, where every shard reads the organization;
//   - the shard owning the tenant ID also reads the Azure RBAC (role
//     assignments, custom roles, PIM schedules) of every subscription,
//     since "who holds Owner anywhere" decides the tenant's verdicts
//     (guests, service principals with secrets, MFA of admins); it lists
//     only its own subscriptions as scopes;
//   - the other subscriptions' monitoring, Defender and Lighthouse data is
//     read only by the shard owning the subscription.
//
// A shard's snapshot lists as scopes only what it owns, so the scan
// command's check (no scope of another shard) holds. Graph is thus read
// once per shard: the price of equal results, and what keeps a shard's
// own subscription verdicts independent of the others.

// owns reports whether this run owns the scope (always, unsharded).
func (c *collection) owns(scopeID string) bool {
	return c.opts.Owns == nil || c.opts.Owns(scopeID)
}

// shard keeps the subscriptions this run reads: its own, and, when it
// owns the tenant, every other one too for its RBAC only.
func (c *collection) shard(tenantID string, subs []snapshot.AzureSubscription) []snapshot.AzureSubscription {
	if c.owns(tenantID) {
		return subs
	}
	out := subs[:0]
	for _, s := range subs {
		if c.owns(s.SubscriptionID) {
			out = append(out, s)
		}
	}
	return out
}
