package aws

import (
	"fmt"
	"sort"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// builder collects the AWS resources of one plan: the AWS provider's
// state in a terraform.Mapping. Principals and policies are kept by
// address (addresses are unique in a plan) with the account each lives
// in; what an account has once (password policy, S3 Block Public Access)
// or per region is kept per account.
type builder struct {
	m         *tf.Mapping
	partition string
	accounts  *accountOfKey
	users     map[string]*snapshot.IAMUser // by address
	groups    map[string]*snapshot.IAMGroup
	roles     map[string]*snapshot.IAMRole
	policies  map[string]*snapshot.ManagedPolicy
	// owner is the account of each user, group, role and policy address.
	owner map[string]string
	// byName maps an account's "user/NAME", "group/NAME", "role/NAME"
	// and "policy/PATH/NAME" (see nameKey) to an address.
	byName map[string]string
	// perAccount holds what each account has once or per region.
	perAccount map[string]*accountState
	org        *snapshot.AWSOrganization
	// trustNamesAWS lists the roles whose trust policy names an AWS
	// principal: undecidable for cross-account trust without an own
	// account.
	trustNamesAWS []string
	// managedLists and boundaries are the roles (and users) whose
	// managed_policy_arns and permissions_boundary are read once every
	// policy is known (connectRoles).
	managedLists, boundaries []tf.Instance
	// outsiders are the principals the plan grants to without managing
	// them, by identifier (outside.go).
	outsiders map[string]*outsider
}

// accountState is what one account of the plan has once or per region.
type accountState struct {
	id string
	// passwordPolicy is the weakest the plan declares (its Resource the
	// block's address); passwordErrors its unknown values.
	passwordPolicy *snapshot.PasswordPolicy
	passwordErrors []snapshot.CollectionError
	pab            *snapshot.PublicAccessBlock
	oidc           []snapshot.OIDCProvider
	trails         []snapshot.Trail
	regions        map[string]*snapshot.AWSRegion
}

// builder returns the plan's builder, creating it on the first AWS
// resource: a plan without one gets no AWS section.
func (p *Provider) builder(m *tf.Mapping) *builder {
	return tf.State(m, Name, func() *builder {
		return &builder{
			m: m, accounts: newAccountOfKey(m, p.accountIDs), partition: "aws",
			users: map[string]*snapshot.IAMUser{}, groups: map[string]*snapshot.IAMGroup{},
			roles: map[string]*snapshot.IAMRole{}, policies: map[string]*snapshot.ManagedPolicy{},
			owner: map[string]string{}, byName: map[string]string{}, perAccount: map[string]*accountState{},
			outsiders: map[string]*outsider{},
		}
	})
}

// nameKey is the key of byName: IAM names are unique within an account.
func nameKey(account, name string) string { return account + "|" + name }

// accountOf is the account the resource in lives in: that of its
// provider block.
func (b *builder) accountOf(in tf.Instance) string { return b.accounts.of(b.m.ProviderKey(in)) }

// own records the account of a principal or policy at in's address.
func (b *builder) own(in tf.Instance) { b.owner[in.Address] = b.accountOf(in) }

// acct returns the state of the account in lives in, creating it.
func (b *builder) acct(in tf.Instance) *accountState { return b.state(b.accountOf(in)) }

func (b *builder) state(id string) *accountState {
	a, ok := b.perAccount[id]
	if !ok {
		a = &accountState{id: id, regions: map[string]*snapshot.AWSRegion{}}
		b.perAccount[id] = a
	}
	return a
}

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

// awsRegion returns the region entry of in's account and region,
// creating it.
func (b *builder) awsRegion(in tf.Instance) *snapshot.AWSRegion {
	a, name := b.acct(in), b.region(in)
	r, ok := a.regions[name]
	if !ok {
		r = &snapshot.AWSRegion{Name: name}
		a.regions[name] = r
	}
	return r
}

func (b *builder) accountARN(id string) string {
	return snapshot.AWSAccountARN(b.partition, id)
}

// finish writes each account of the plan (in account order), its scope
// and its account-level errors.
func (b *builder) finish(s *snapshot.Snapshot) {
	b.connectRoles()
	b.addAWSManaged()
	b.failOutsiders()
	for _, id := range b.owner {
		b.state(id)
	}
	if s.AWS == nil {
		s.AWS = &snapshot.AWS{}
	}
	if b.org != nil {
		s.AWS.Organization = b.org
	}
	for _, id := range sortedKeys(b.perAccount) {
		b.finishAccount(s, b.perAccount[id])
	}
}

// finishAccount writes one account, its scope and its account-level
// errors.
func (b *builder) finishAccount(s *snapshot.Snapshot, st *accountState) {
	a := snapshot.AWSAccount{
		AccountID: st.id, Name: "terraform plan", Partition: b.partition,
		Users: []snapshot.IAMUser{}, Groups: []snapshot.IAMGroup{}, Roles: []snapshot.IAMRole{},
		Policies: []snapshot.ManagedPolicy{}, PasswordPolicy: st.passwordPolicy,
		S3PublicAccessBlock: st.pab, OIDCProviders: st.oidc, Trails: st.trails,
		Regions: []snapshot.AWSRegion{},
	}
	mine := func(addr string) bool { return b.owner[addr] == st.id }
	for _, k := range sortedKeys(b.users) {
		if mine(k) {
			a.Users = append(a.Users, *b.users[k])
		}
	}
	for _, k := range sortedKeys(b.groups) {
		if mine(k) {
			a.Groups = append(a.Groups, *b.groups[k])
		}
	}
	for _, k := range sortedKeys(b.roles) {
		if mine(k) {
			a.Roles = append(a.Roles, *b.roles[k])
		}
	}
	for _, k := range sortedKeys(b.policies) {
		// AWS-managed policies belong to every account that attaches
		// them.
		if mine(k) || (b.policies[k].AWSManaged && attaches(&a, k)) {
			a.Policies = append(a.Policies, *b.policies[k])
		}
	}
	for _, k := range sortedKeys(st.regions) {
		a.Regions = append(a.Regions, *st.regions[k])
	}
	countAttachments(&a)
	s.AWS.Accounts = append(s.AWS.Accounts, a)
	s.Scopes = append(s.Scopes, snapshot.AWSScope(&a))
	if st.passwordPolicy != nil {
		b.flushPasswordErrors(st)
	} else {
		b.m.Fail(snapshot.CollectionError{Provider: "aws", Account: st.id, Service: "iam", Operation: "GetAccountPasswordPolicy", Code: tf.CodeNotInPlan, Resource: b.accountARN(st.id),
			Message: "the plan has no aws_iam_account_password_policy: the account's password policy is managed elsewhere or not at all"})
	}
	if st.pab == nil {
		b.m.Fail(snapshot.CollectionError{Provider: "aws", Account: st.id, Service: "s3-control", Operation: "GetPublicAccessBlock", Code: tf.CodeNotInPlan, Resource: b.accountARN(st.id),
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
		b.m.Fail(snapshot.CollectionError{Provider: "aws", Account: st.id, Service: e.service, Operation: e.op, Code: tf.CodeNotInPlan, Resource: b.accountARN(st.id),
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
				b.m.Fail(snapshot.CollectionError{Provider: "aws", Account: st.id, Region: r.Name, Service: e.service, Operation: "*", Code: tf.CodeNotInPlan, Resource: b.accountARN(st.id),
					Message: "the plan declares no " + e.what + " in " + r.Name})
			}
		}
	}
	if st.id == "" {
		for _, addr := range b.trustNamesAWS {
			if !mine(addr) {
				continue
			}
			b.m.Fail(snapshot.CollectionError{Provider: "aws", Service: "organizations", Operation: "*", Code: CodeOwnAccountUnknown, Resource: addr,
				Message: fmt.Sprintf("the own AWS account of %s is unknown, so whether its trust policy lets in a foreign account cannot be decided: set aws.account_ids in the rampart config or allowed_account_ids in the aws provider block", addr)})
		}
	}
}

// attaches reports whether a principal of a attaches the policy arn.
func attaches(a *snapshot.AWSAccount, arn string) bool {
	var all []snapshot.AttachedPolicy
	for _, u := range a.Users {
		all = append(all, u.AttachedPolicies...)
	}
	for _, g := range a.Groups {
		all = append(all, g.AttachedPolicies...)
	}
	for _, r := range a.Roles {
		all = append(all, r.AttachedPolicies...)
	}
	for _, ap := range all {
		if ap.ARN == arn {
			return true
		}
	}
	return false
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
