package aws

import (
	"encoding/json"
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// nameOf is a resource's name attribute, or its address when the name is
// computed (name_prefix) or absent.
func nameOf(in tf.Instance) string {
	if n := in.After.Str("name"); n != "" && !tf.UnknownAt(in.Unknown, "name") {
		return n
	}
	return in.Address
}

// mapUser maps aws_iam_user. A user the plan creates has exactly the
// credentials the plan gives it (aws_iam_access_key,
// aws_iam_user_login_profile): its credential_report is true, as if the
// report had its row. An existing user may hold keys made outside
// Terraform: credential_report is false, and its keys are unknown.
func (b *builder) mapUser(in tf.Instance) {
	u := &snapshot.IAMUser{
		Name: nameOf(in), ARN: in.Address, Path: in.After.Str("path"),
		AccessKeys: []snapshot.AccessKey{}, Groups: []string{},
		AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
		PermissionsBoundary: in.After.Str("permissions_boundary"), Tags: in.After.StringMap("tags"),
		CredentialReport: in.Created,
	}
	b.users[in.Address] = u
	b.existing(in, "user", u.Name, &u.OutsidePlan)
	b.own(in)
	b.byName[nameKey(b.accountOf(in), "user/"+u.Name)] = in.Address
	b.boundaries = append(b.boundaries, in)
}

func (b *builder) mapGroup(in tf.Instance) {
	g := &snapshot.IAMGroup{
		Name: nameOf(in), ARN: in.Address, Path: in.After.Str("path"),
		AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
	}
	b.groups[in.Address] = g
	b.existing(in, "group", g.Name, &g.OutsidePlan)
	b.own(in)
	b.byName[nameKey(b.accountOf(in), "group/"+g.Name)] = in.Address
}

func (b *builder) mapRole(in tf.Instance) {
	path := in.After.Str("path")
	r := &snapshot.IAMRole{
		Name: nameOf(in), ARN: in.Address, Path: path,
		ServiceLinked:      strings.HasPrefix(path, "/aws-service-role/"),
		MaxSessionDuration: in.After.IntOr("max_session_duration", 0),
		AttachedPolicies:   []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
		PermissionsBoundary: in.After.Str("permissions_boundary"), Tags: in.After.StringMap("tags"),
	}
	trust := readDocument(in.After, in.Unknown, "assume_role_policy", in.Address)
	r.TrustPolicy, r.TrustPolicyRaw, r.TrustPolicyError = trust.Doc, trust.Raw, trust.Err
	if trust.Unknown {
		b.m.Fail(unknownError("iam", OpTrust, "assume_role_policy", in.Address, in.Address))
	}
	if namesAWSPrincipal(trust.Doc) {
		b.trustNamesAWS = append(b.trustNamesAWS, in.Address)
	}
	// inline_policy blocks: wholly unknown means "not configured"
	// (the provider computes it); a known block with an unknown
	// document is unknown.
	for i, blk := range in.After.Blocks("inline_policy") {
		d := readDocument(blk, tf.UnknownBlock(in.Unknown, "inline_policy", i), "policy", in.Address)
		if !d.Present() {
			continue
		}
		name := blk.Str("name")
		if name == "" {
			name = in.Address
		}
		if d.Unknown {
			d.Err = tf.UnknownText("inline_policy "+name, in.Address)
			b.m.Fail(unknownError("iam", OpInline, "inline_policy "+name, in.Address, in.Address))
		}
		r.InlinePolicies = append(r.InlinePolicies, snapshot.InlinePolicy{Name: name, Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err})
	}
	b.roles[in.Address] = r
	if _, listed := in.After["managed_policy_arns"]; !listed {
		// A role that exists already lists its attachments (and inline
		// policies) in the plan only through the provider's computed
		// managed_policy_arns; without it (a provider that no longer
		// reads them back) it is held like an existing user.
		b.existing(in, "role", r.Name, &r.OutsidePlan)
	}
	b.own(in)
	b.byName[nameKey(b.accountOf(in), "role/"+r.Name)] = in.Address
	b.boundaries = append(b.boundaries, in)
	// managed_policy_arns left out of the configuration is computed by
	// the provider (the role's attachments made elsewhere); one the
	// configuration sets is the role's exclusive list, resolved once
	// every policy is known (connectRoles).
	if !tf.UnknownAt(in.Unknown, "managed_policy_arns") || b.m.Sets(in, "managed_policy_arns") {
		b.managedLists = append(b.managedLists, in)
	}
}

// connectRoles attaches each role's managed_policy_arns and resolves
// each principal's permissions_boundary, once every policy of the plan
// is mapped (a role may come before the policies it names).
func (b *builder) connectRoles() {
	for _, in := range b.managedLists {
		arns, ok := b.policyList(in, "managed_policy_arns")
		if !ok {
			b.m.Fail(unknownError("iam", OpManaged, "managed_policy_arns", in.Address, in.Address))
		}
		for _, arn := range arns {
			b.attach(in.Address, arn)
		}
	}
	b.managedLists = nil
	for _, in := range b.boundaries {
		b.setBoundary(in)
	}
	b.boundaries = nil
}

// setBoundary reads permissions_boundary: a literal ARN (of a planned
// policy: its address) or a reference to a planned policy. An unknown
// boundary that cannot be resolved is an error on the principal: it may
// take away what its policies grant.
func (b *builder) setBoundary(in tf.Instance) {
	var arn string
	switch {
	case !tf.UnknownAt(in.Unknown, "permissions_boundary"):
		if v := in.After.Str("permissions_boundary"); v != "" {
			arn = b.plannedPolicy(v, b.accountOf(in))
		}
	case b.m.Sets(in, "permissions_boundary"):
		if arn, _ = b.m.Resolve(in, "permissions_boundary", "aws_iam_policy"); arn == "" {
			b.m.Fail(unknownError("iam", OpBoundary, "permissions_boundary", in.Address, in.Address))
		}
	}
	switch {
	case b.users[in.Address] != nil:
		b.users[in.Address].PermissionsBoundary = arn
	case b.roles[in.Address] != nil:
		b.roles[in.Address].PermissionsBoundary = arn
	}
}

// namesAWSPrincipal reports whether a trust policy lets in an AWS
// principal ("*" or {"AWS": ...}): the statements whose verdict depends on
// which accounts are the plan's own.
func namesAWSPrincipal(doc json.RawMessage) bool {
	if doc == nil {
		return false
	}
	var d struct {
		Statement json.RawMessage
	}
	if json.Unmarshal(doc, &d) != nil {
		return false
	}
	var stmts []map[string]any
	if json.Unmarshal(d.Statement, &stmts) != nil {
		var one map[string]any
		if json.Unmarshal(d.Statement, &one) != nil {
			return false
		}
		stmts = []map[string]any{one}
	}
	for _, s := range stmts {
		for _, key := range []string{"Principal", "NotPrincipal"} {
			switch p := s[key].(type) {
			case string:
				return true
			case map[string]any:
				if _, ok := p["AWS"]; ok {
					return true
				}
			}
		}
	}
	return false
}

func (b *builder) mapPolicy(in tf.Instance) {
	d := readDocument(in.After, in.Unknown, "policy", in.Address)
	p := &snapshot.ManagedPolicy{
		Name: nameOf(in), ARN: in.Address, Path: in.After.Str("path"), DefaultVersion: "v1",
		Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err,
		// One that exists already may be attached outside Terraform.
		HoldersOutsidePlan: !in.Created,
	}
	if d.Unknown {
		// Its principals' results depend on it: they get the error
		// when the attachments are mapped (see attach).
		b.m.Fail(unknownError("iam", "policy", "policy", in.Address, in.Address))
	}
	b.policies[in.Address] = p
	b.own(in)
	// A literal ARN names the policy by path and name: the name must be
	// known (not a name_prefix).
	if p.Name != in.Address {
		path := p.Path
		if path == "" {
			path = "/"
		}
		b.byName[nameKey(b.accountOf(in), "policy"+path+p.Name)] = in.Address
	}
}

func (b *builder) mapOIDCProvider(in tf.Instance) {
	a := b.acct(in)
	a.oidc = append(a.oidc, snapshot.OIDCProvider{ARN: in.Address, URL: in.After.Str("url"), ClientIDs: in.After.Strs("client_id_list")})
}

// awsManaged are AWS-managed policies whose documents the plan cannot
// hold but whose attachment alone decides a control. AdministratorAccess
// allows every action on every resource (its published document).
var awsManaged = map[string]string{
	"AdministratorAccess": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
}

// addAWSManaged adds the AWS-managed policies of awsManaged that a
// principal attaches to the account's managed policies.
func (b *builder) addAWSManaged() {
	seen := map[string]bool{}
	each := func(aps []snapshot.AttachedPolicy) {
		for _, ap := range aps {
			if seen[ap.ARN] || !strings.Contains(ap.ARN, ":iam::aws:policy/") {
				continue
			}
			seen[ap.ARN] = true
			name := lastSegment(ap.ARN)
			if doc, ok := awsManaged[name]; ok && strings.HasSuffix(ap.ARN, ":iam::aws:policy/"+name) {
				b.policies[ap.ARN] = &snapshot.ManagedPolicy{Name: name, ARN: ap.ARN, Path: "/", AWSManaged: true, DefaultVersion: "v1", Document: json.RawMessage(doc)}
			}
		}
	}
	for _, u := range b.users {
		each(u.AttachedPolicies)
	}
	for _, g := range b.groups {
		each(g.AttachedPolicies)
	}
	for _, r := range b.roles {
		each(r.AttachedPolicies)
	}
}
