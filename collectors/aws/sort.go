package aws

import (
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// sortAccount puts every list of an account in a stable order, so that two
// collections of the same world are byte-identical whatever order the API
// pages or the goroutines delivered them in.
func sortAccount(a *snapshot.AWSAccount) {
	for i := range a.Users {
		u := &a.Users[i]
		sort.Strings(u.Groups)
		sortAttached(u.AttachedPolicies)
		sortInline(u.InlinePolicies)
		sortMFA(u.MFADevices)
	}
	sort.Slice(a.Users, func(i, j int) bool { return a.Users[i].ARN < a.Users[j].ARN })
	for i := range a.Groups {
		sortAttached(a.Groups[i].AttachedPolicies)
		sortInline(a.Groups[i].InlinePolicies)
	}
	sort.Slice(a.Groups, func(i, j int) bool { return a.Groups[i].ARN < a.Groups[j].ARN })
	for i := range a.Roles {
		sortAttached(a.Roles[i].AttachedPolicies)
		sortInline(a.Roles[i].InlinePolicies)
	}
	sort.Slice(a.Roles, func(i, j int) bool { return a.Roles[i].ARN < a.Roles[j].ARN })
	sort.Slice(a.Policies, func(i, j int) bool { return a.Policies[i].ARN < a.Policies[j].ARN })
	if a.Root != nil {
		sortMFA(a.Root.MFADevices)
	}
	sort.Slice(a.SAMLProviders, func(i, j int) bool { return a.SAMLProviders[i].ARN < a.SAMLProviders[j].ARN })
	sort.Slice(a.OIDCProviders, func(i, j int) bool { return a.OIDCProviders[i].ARN < a.OIDCProviders[j].ARN })
	for i := range a.OIDCProviders {
		sort.Strings(a.OIDCProviders[i].ClientIDs)
	}
	sort.Slice(a.Trails, func(i, j int) bool { return a.Trails[i].ARN < a.Trails[j].ARN })
	sort.Slice(a.Budgets, func(i, j int) bool { return a.Budgets[i].Name < a.Budgets[j].Name })
	sort.Slice(a.Regions, func(i, j int) bool { return a.Regions[i].Name < a.Regions[j].Name })
	for i := range a.Regions {
		r := &a.Regions[i]
		sort.Slice(r.GuardDutyDetectors, func(i, j int) bool { return r.GuardDutyDetectors[i].ID < r.GuardDutyDetectors[j].ID })
		sort.Slice(r.ConfigRecorders, func(i, j int) bool { return r.ConfigRecorders[i].Name < r.ConfigRecorders[j].Name })
		sort.Slice(r.AccessAnalyzers, func(i, j int) bool { return r.AccessAnalyzers[i].ARN < r.AccessAnalyzers[j].ARN })
		sort.Slice(r.MetricFilters, func(i, j int) bool {
			if r.MetricFilters[i].LogGroup != r.MetricFilters[j].LogGroup {
				return r.MetricFilters[i].LogGroup < r.MetricFilters[j].LogGroup
			}
			return r.MetricFilters[i].Name < r.MetricFilters[j].Name
		})
		sort.Slice(r.Alarms, func(i, j int) bool { return r.Alarms[i].Name < r.Alarms[j].Name })
		sort.Slice(r.Instances, func(i, j int) bool { return r.Instances[i].ID < r.Instances[j].ID })
	}
}

func sortAttached(p []snapshot.AttachedPolicy) {
	sort.Slice(p, func(i, j int) bool { return p[i].ARN < p[j].ARN })
}

func sortInline(p []snapshot.InlinePolicy) {
	sort.Slice(p, func(i, j int) bool { return p[i].Name < p[j].Name })
}

func sortMFA(d []snapshot.MFADevice) {
	sort.Slice(d, func(i, j int) bool {
		if d[i].Type != d[j].Type {
			return d[i].Type < d[j].Type
		}
		return d[i].Serial < d[j].Serial
	})
}

func sortOrganization(o *snapshot.AWSOrganization) {
	sort.Slice(o.Accounts, func(i, j int) bool { return o.Accounts[i].ID < o.Accounts[j].ID })
	sort.Slice(o.Policies, func(i, j int) bool { return o.Policies[i].ID < o.Policies[j].ID })
	for i := range o.Policies {
		t := o.Policies[i].Targets
		sort.Slice(t, func(i, j int) bool { return t[i].ID < t[j].ID })
	}
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
