package snapshot

import (
	"cmp"
	"fmt"
	"slices"
)

// AWSAccountARN is the ID of an AWS account as a whole, the resource of
// its scope and of every result about the account (arn:aws:iam::ID:root).
func AWSAccountARN(partition, accountID string) string {
	return fmt.Sprintf("arn:%s:iam::%s:root", partition, accountID)
}

// AWSScope is the scope of one collected AWS account: its ID, name,
// account ARN and the regions collected in it.
func AWSScope(a *AWSAccount) Scope {
	var regions []string
	for _, r := range a.Regions {
		regions = append(regions, r.Name)
	}
	return Scope{Provider: "aws", Account: a.AccountID, Name: a.Name, Resource: AWSAccountARN(a.Partition, a.AccountID), Regions: regions}
}

func canonicalAWS(s *AWS) {
	sortBy(s.Accounts, func(a *AWSAccount) string { return a.AccountID })
	for i := range s.Accounts {
		canonicalAWSAccount(&s.Accounts[i])
	}
	if o := s.Organization; o != nil {
		sortBy(o.Accounts, func(a *OrgAccount) string { return a.ID })
		sortBy(o.Policies, func(p *OrgPolicy) string { return p.ID })
		for i := range o.Policies {
			sortBy(o.Policies[i].Targets, func(t *OrgTarget) string { return t.ID })
		}
	}
}

// canonicalAWSAccount orders principals, policies and providers by ARN,
// a principal's lists by ARN or name, and regional resources by their ID.
func canonicalAWSAccount(a *AWSAccount) {
	for i := range a.Users {
		u := &a.Users[i]
		slices.Sort(u.Groups)
		sortAttached(u.AttachedPolicies)
		sortInline(u.InlinePolicies)
		sortMFA(u.MFADevices)
	}
	sortBy(a.Users, func(u *IAMUser) string { return u.ARN })
	for i := range a.Groups {
		sortAttached(a.Groups[i].AttachedPolicies)
		sortInline(a.Groups[i].InlinePolicies)
	}
	sortBy(a.Groups, func(g *IAMGroup) string { return g.ARN })
	for i := range a.Roles {
		sortAttached(a.Roles[i].AttachedPolicies)
		sortInline(a.Roles[i].InlinePolicies)
	}
	sortBy(a.Roles, func(r *IAMRole) string { return r.ARN })
	sortBy(a.Policies, func(p *ManagedPolicy) string { return p.ARN })
	if a.Root != nil {
		sortMFA(a.Root.MFADevices)
	}
	sortBy(a.SAMLProviders, func(p *SAMLProvider) string { return p.ARN })
	sortBy(a.OIDCProviders, func(p *OIDCProvider) string { return p.ARN })
	for i := range a.OIDCProviders {
		slices.Sort(a.OIDCProviders[i].ClientIDs)
	}
	sortBy(a.Trails, func(t *Trail) string { return t.ARN })
	sortBy(a.Budgets, func(b *Budget) string { return b.Name })
	sortBy(a.Regions, func(r *AWSRegion) string { return r.Name })
	for i := range a.Regions {
		r := &a.Regions[i]
		sortBy(r.GuardDutyDetectors, func(d *GuardDutyDetector) string { return d.ID })
		sortBy(r.ConfigRecorders, func(c *ConfigRecorder) string { return c.Name })
		sortBy(r.AccessAnalyzers, func(x *AccessAnalyzer) string { return x.ARN })
		slices.SortStableFunc(r.MetricFilters, func(x, y MetricFilter) int {
			return cmp.Or(cmp.Compare(x.LogGroup, y.LogGroup), cmp.Compare(x.Name, y.Name))
		})
		sortBy(r.Alarms, func(x *MetricAlarm) string { return x.Name })
		sortBy(r.Instances, func(x *EC2Instance) string { return x.ID })
		sortBy(r.LambdaFunctions, func(x *LambdaFunction) string { return x.ARN })
		sortBy(r.Stacks, func(x *CloudFormationStack) string { return x.ARN })
		sortBy(r.CodeBuildProjects, func(x *CodeBuildProject) string { return x.ARN })
	}
}

func sortAttached(p []AttachedPolicy) { sortBy(p, func(x *AttachedPolicy) string { return x.ARN }) }

func sortInline(p []InlinePolicy) { sortBy(p, func(x *InlinePolicy) string { return x.Name }) }

func sortMFA(d []MFADevice) {
	slices.SortStableFunc(d, func(x, y MFADevice) int {
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.Serial, y.Serial))
	})
}
