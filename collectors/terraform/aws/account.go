package aws

import (
	"fmt"
	"sort"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// builder collects the AWS resources of one plan into one account: the
// AWS provider's state in a terraform.Mapping.
type builder struct {
	m         *tf.Mapping
	accountID string
	partition string
	users     map[string]*snapshot.IAMUser // by address
	groups    map[string]*snapshot.IAMGroup
	roles     map[string]*snapshot.IAMRole
	policies  map[string]*snapshot.ManagedPolicy
	// byName maps an account's "user/NAME", "group/NAME", "role/NAME"
	// and "policy/PATH/NAME" (see nameKey) to an address.
	byName map[string]string
	// passwordPolicy is the weakest the plan declares (its Resource the
	// block's address); passwordErrors its unknown values.
	passwordPolicy *snapshot.PasswordPolicy
	passwordErrors []snapshot.CollectionError
	pab            *snapshot.PublicAccessBlock
	oidc           []snapshot.OIDCProvider
	trails         []snapshot.Trail
	regions        map[string]*snapshot.AWSRegion
	org            *snapshot.AWSOrganization
	// trustNamesAWS lists the roles whose trust policy names an AWS
	// principal: undecidable for cross-account trust without an own
	// account.
	trustNamesAWS []string
	// managedLists and boundaries are the roles (and users) whose
	// managed_policy_arns and permissions_boundary are read once every
	// policy is known (connectRoles).
	managedLists, boundaries []tf.Instance
}

// builder returns the plan's builder, creating it on the first AWS
// resource: a plan without one gets no AWS section.
func (p *Provider) builder(m *tf.Mapping) *builder {
	return tf.State(m, Name, func() *builder {
		return &builder{
			m: m, accountID: ownAccount(m, p.accountIDs), partition: "aws",
			users: map[string]*snapshot.IAMUser{}, groups: map[string]*snapshot.IAMGroup{},
			roles: map[string]*snapshot.IAMRole{}, policies: map[string]*snapshot.ManagedPolicy{},
			byName: map[string]string{}, regions: map[string]*snapshot.AWSRegion{},
		}
	})
}

// ownAccount is the config's first aws.account_ids, else the first
// allowed_account_ids of the plan's default AWS provider block (or of any
// AWS provider block, in key order, when the default has none).
func ownAccount(m *tf.Mapping, configured []string) string {
	if len(configured) > 0 {
		return configured[0]
	}
	for _, k := range m.ProviderKeys(Name) {
		if l, ok := m.ProviderConstant(k, "allowed_account_ids").([]any); ok {
			for _, x := range l {
				if s, ok := x.(string); ok && s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// nameKey is the key of byName: IAM names are unique within an account.
func nameKey(account, name string) string { return account + "|" + name }

// accountOf is the account the resource in lives in.
func (b *builder) accountOf(in tf.Instance) string { return b.accountID }

// region is the region of the AWS provider block a resource uses: its
// provider_config_key, else the default "aws" block. "" when the region
// is not a constant of the configuration.
func (b *builder) region(in tf.Instance) string {
	key := b.m.ProviderKey(in)
	if key == "" {
		key = Name
	}
	for _, k := range []string{key, Name} {
		if s, ok := b.m.ProviderConstant(k, "region").(string); ok {
			return s
		}
	}
	return ""
}

// awsRegion returns the region entry for in, creating it.
func (b *builder) awsRegion(name string) *snapshot.AWSRegion {
	r, ok := b.regions[name]
	if !ok {
		r = &snapshot.AWSRegion{Name: name}
		b.regions[name] = r
	}
	return r
}

func (b *builder) accountARN() string {
	return snapshot.AWSAccountARN(b.partition, b.accountID)
}

// finish writes the account, its scope and the account-level errors.
func (b *builder) finish(s *snapshot.Snapshot) {
	b.connectRoles()
	b.addAWSManaged()
	a := snapshot.AWSAccount{
		AccountID: b.accountID, Name: "terraform plan", Partition: b.partition,
		Users: []snapshot.IAMUser{}, Groups: []snapshot.IAMGroup{}, Roles: []snapshot.IAMRole{},
		Policies: []snapshot.ManagedPolicy{}, PasswordPolicy: b.passwordPolicy,
		S3PublicAccessBlock: b.pab, OIDCProviders: b.oidc, Trails: b.trails,
		Regions: []snapshot.AWSRegion{},
	}
	for _, k := range sortedKeys(b.users) {
		a.Users = append(a.Users, *b.users[k])
	}
	for _, k := range sortedKeys(b.groups) {
		a.Groups = append(a.Groups, *b.groups[k])
	}
	for _, k := range sortedKeys(b.roles) {
		a.Roles = append(a.Roles, *b.roles[k])
	}
	for _, k := range sortedKeys(b.policies) {
		a.Policies = append(a.Policies, *b.policies[k])
	}
	for _, k := range sortedKeys(b.regions) {
		a.Regions = append(a.Regions, *b.regions[k])
	}
	countAttachments(&a)
	if s.AWS == nil {
		s.AWS = &snapshot.AWS{}
	}
	s.AWS.Accounts = append(s.AWS.Accounts, a)
	if b.org != nil {
		s.AWS.Organization = b.org
	}
	s.Scopes = append(s.Scopes, snapshot.AWSScope(&a))
	if b.passwordPolicy != nil {
		b.flushPasswordErrors()
	} else {
		b.m.Fail(snapshot.CollectionError{Provider: "aws", Account: b.accountID, Service: "iam", Operation: "GetAccountPasswordPolicy", Code: tf.CodeNotInPlan, Resource: b.accountARN(),
			Message: "the plan has no aws_iam_account_password_policy: the account's password policy is managed elsewhere or not at all"})
	}
	if b.pab == nil {
		b.m.Fail(snapshot.CollectionError{Provider: "aws", Account: b.accountID, Service: "s3-control", Operation: "GetPublicAccessBlock", Code: tf.CodeNotInPlan, Resource: b.accountARN(),
			Message: "the plan has no aws_s3_account_public_access_block: the account's S3 Block Public Access is managed elsewhere or not at all"})
	}
	// Whether the account has a trail, an analyzer, alarms, budgets or
	// guardrails cannot be told from a plan: they may exist
	// outside it. These errors are confined to the account's own resource
	// (the ARN account-wide results carry), so a declared resource can
	// still prove a PASS, no absence is reported, and a control about a
	// user, role or trail is never touched by them. Metric filters, alarms
	// and budgets are not read from plans at all.
	for _, e := range []struct{ service, op, what string }{
		{"cloudtrail", "*", "trails outside this plan"},
		{"accessanalyzer", "*", "Access Analyzers outside this plan"},
		{"organizations", "*", "service control policies outside this plan"},
		{"cloudwatch-logs", "DescribeMetricFilters", "CloudWatch Logs metric filters (not read from plans)"},
		{"cloudwatch", "DescribeAlarms", "CloudWatch alarms (not read from plans)"},
		{"budgets", "DescribeBudgets", "budgets (not read from plans)"},
	} {
		b.m.Fail(snapshot.CollectionError{Provider: "aws", Account: b.accountID, Service: e.service, Operation: e.op, Code: tf.CodeNotInPlan, Resource: b.accountARN(),
			Message: "a Terraform plan does not show " + e.what})
	}
	// A region has one GuardDuty detector, one Config recorder and one
	// Security Hub: one the plan declares is the region's, and is judged;
	// in a region where the plan declares none, nothing can be told.
	for _, r := range a.Regions {
		for _, e := range []struct {
			service, what string
			declared      bool
		}{
			{"guardduty", "a GuardDuty detector", r.GuardDutyDetectors != nil},
			{"config-service", "an AWS Config recorder", r.ConfigRecorders != nil},
			{"securityhub", "Security Hub", r.SecurityHub != nil},
		} {
			if !e.declared {
				b.m.Fail(snapshot.CollectionError{Provider: "aws", Account: b.accountID, Region: r.Name, Service: e.service, Operation: "*", Code: tf.CodeNotInPlan, Resource: b.accountARN(),
					Message: "the plan declares no " + e.what + " in " + r.Name})
			}
		}
	}
	if b.accountID == "" {
		for _, addr := range b.trustNamesAWS {
			b.m.Fail(snapshot.CollectionError{Provider: "aws", Service: "organizations", Operation: "*", Code: CodeOwnAccountUnknown, Resource: addr,
				Message: fmt.Sprintf("the own AWS account of %s is unknown, so whether its trust policy lets in a foreign account cannot be decided: set aws.account_ids in the rampart config or allowed_account_ids in the aws provider block", addr)})
		}
	}
}

// countAttachments fills each managed policy's attachment count from the
// principals that name it.
func countAttachments(a *snapshot.AWSAccount) {
	n := map[string]int{}
	for _, u := range a.Users {
		for _, p := range u.AttachedPolicies {
			n[p.ARN]++
		}
	}
	for _, g := range a.Groups {
		for _, p := range g.AttachedPolicies {
			n[p.ARN]++
		}
	}
	for _, r := range a.Roles {
		for _, p := range r.AttachedPolicies {
			n[p.ARN]++
		}
	}
	for i := range a.Policies {
		a.Policies[i].AttachmentCount = n[a.Policies[i].ARN]
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
