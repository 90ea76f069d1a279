package gcp

import (
	"context"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// CodeOtherShard marks a project another shard of a sharded scan
// reports on (see keepShard).
const CodeOtherShard = "OtherShard"

// keepShard trims s to what one shard of a sharded scan (--shard)
// reports on and what those results depend on, so that the shards'
// results, each kept to the scopes it owns (history.Shard.Keep), add up
// to one unsharded scan:
//
//   - Cloud Asset Inventory lists an organization in pages, not per
//     project, so every shard reads the same assets; a shard saves on
//     what it keeps, evaluates and asks Policy Analyzer about.
//   - Organizations and folders are kept whole in every shard: their IAM
//     policies, audit configs, organization policies and aggregated sinks
//     are inherited by the projects below, whichever shard owns them.
//     Results about an organization or folder are its owner's
//     (organizations/N, folders/N hash like project IDs).
//   - A project the shard does not own keeps its place in the hierarchy
//     and only the bindings that grant a role to a service account: a
//     service account of an owned project may hold roles anywhere, and
//     gcp-sa-admin-privileges and gcp-default-sa-editor judge all of them.
//     Its audit configs, organization policies and the resources below it
//     (keys, instances, pool providers, sinks, resource IAM policies) are
//     dropped, and a collection error (CodeOtherShard, account = the
//     project) makes anything still said about it ERROR, so a stored
//     shard snapshot evaluated on its own cannot PASS what it left out.
//   - Service accounts are kept in every shard (their project decides
//     whose results they are); only the owned ones' activity is asked.
//   - Scopes are the owned ones only.
func keepShard(s *snapshot.Snapshot, owns func(string) bool) {
	g := s.GCP
	if g == nil || owns == nil {
		return
	}
	mine := func(account string) bool { return account == "" || owns(account) }
	other := map[string]bool{}
	for i := range g.Projects {
		p := &g.Projects[i]
		if mine(p.Account) {
			continue
		}
		other[p.Name] = true
		p.OrgPolicies = nil
		if p.IAMPolicy != nil {
			p.IAMPolicy = &snapshot.GCPIAMPolicy{Bindings: serviceAccountBindings(p.IAMPolicy.Bindings)}
		}
		s.Errors = append(s.Errors, snapshot.CollectionError{
			Provider: "gcp", Account: p.Account, Service: snapshot.GCPServiceAsset, Operation: "*", Code: CodeOtherShard,
			Message: "project " + p.Account + " belongs to another shard of this scan (--shard): that shard reports on it",
		})
	}
	g.ResourceIAMPolicies = keep(g.ResourceIAMPolicies, func(r snapshot.GCPResourceIAMPolicy) bool { return mine(r.Account) })
	g.ServiceAccountKeys = keep(g.ServiceAccountKeys, func(k snapshot.GCPServiceAccountKey) bool { return mine(k.Account) })
	g.WorkloadIdentityProviders = keep(g.WorkloadIdentityProviders, func(p snapshot.GCPWIFProvider) bool { return mine(p.Account) })
	g.Instances = keep(g.Instances, func(in snapshot.GCPInstance) bool { return mine(in.Account) })
	g.LogSinks = keep(g.LogSinks, func(l snapshot.GCPLogSink) bool {
		return !other[l.Parent] && (mine(l.Account) || !strings.Contains(l.Parent, "/projects/"))
	})
	s.Scopes = keep(s.Scopes, func(sc snapshot.Scope) bool { return owns(sc.Account) })
}

// serviceAccountBindings keeps the serviceAccount: members of bindings,
// and the bindings that still have one.
func serviceAccountBindings(bs []snapshot.GCPBinding) []snapshot.GCPBinding {
	out := []snapshot.GCPBinding{}
	for _, b := range bs {
		var members []string
		for _, m := range b.Members {
			if strings.HasPrefix(m, "serviceAccount:") {
				members = append(members, m)
			}
		}
		if len(members) > 0 {
			b.Members = members
			out = append(out, b)
		}
	}
	return out
}

// keep filters a list in place, never returning nil for a non-nil list
// (nil means "not collected").
func keep[T any](l []T, ok func(T) bool) []T {
	if l == nil {
		return nil
	}
	out := l[:0]
	for _, x := range l {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

// fillOwnedActivity asks the activity source about the service accounts
// of the projects this shard owns only (all of them when unsharded).
func fillOwnedActivity(ctx context.Context, src ActivitySource, g *snapshot.GCP, owns func(string) bool) []snapshot.CollectionError {
	if owns == nil {
		return src.Fill(ctx, g)
	}
	sub := &snapshot.GCP{}
	var at []int
	for i, sa := range g.ServiceAccounts {
		if sa.Account == "" || owns(sa.Account) {
			sub.ServiceAccounts = append(sub.ServiceAccounts, sa)
			at = append(at, i)
		}
	}
	errs := src.Fill(ctx, sub)
	for j, i := range at {
		g.ServiceAccounts[i] = sub.ServiceAccounts[j]
	}
	return errs
}
