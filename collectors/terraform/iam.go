package terraform

import (
	"encoding/json"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// The IAM resource types: principals and policies are created here
// (phase 0); attach.go connects them (phase 1), password.go reads the
// account password policy.
func init() {
	register(0, map[string]func(*mapping, instance){
		"aws_iam_user":                    mapUser,
		"aws_iam_group":                   mapGroup,
		"aws_iam_role":                    mapRole,
		"aws_iam_policy":                  mapPolicy,
		"aws_iam_account_password_policy": mapPasswordPolicy,
		"aws_iam_openid_connect_provider": mapOIDCProvider,
	})
	register(1, map[string]func(*mapping, instance){
		"aws_iam_user_policy":             mapInline("user"),
		"aws_iam_group_policy":            mapInline("group"),
		"aws_iam_role_policy":             mapInline("role"),
		"aws_iam_user_policy_attachment":  mapAttachment("user"),
		"aws_iam_group_policy_attachment": mapAttachment("group"),
		"aws_iam_role_policy_attachment":  mapAttachment("role"),
		"aws_iam_policy_attachment":       mapPolicyAttachment,
		"aws_iam_group_membership":        mapGroupMembership,
		"aws_iam_user_group_membership":   mapUserGroupMembership,
		"aws_iam_access_key":              mapAccessKey,
		"aws_iam_user_login_profile":      mapLoginProfile,
	})
}

// nameOf is a resource's name attribute, or its address when the name is
// computed (name_prefix) or absent.
func nameOf(in instance) string {
	if n := str(in.After, "name"); n != "" && !unknownAt(in.Unknown, "name") {
		return n
	}
	return in.Address
}

// mapUser maps aws_iam_user. A user the plan creates has exactly the
// credentials the plan gives it (aws_iam_access_key,
// aws_iam_user_login_profile): its credential_report is true, as if the
// report had its row. An existing user may hold keys made outside
// Terraform: credential_report is false, and its keys are unknown.
func mapUser(m *mapping, in instance) {
	b := m.awsAccount()
	u := &snapshot.IAMUser{
		Name: nameOf(in), ARN: in.Address, Path: str(in.After, "path"),
		AccessKeys: []snapshot.AccessKey{}, Groups: []string{},
		AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
		PermissionsBoundary: str(in.After, "permissions_boundary"), Tags: tags(in.After),
		CredentialReport: in.Created,
	}
	b.users[in.Address] = u
	b.byName["user/"+u.Name] = in.Address
}

func mapGroup(m *mapping, in instance) {
	b := m.awsAccount()
	g := &snapshot.IAMGroup{
		Name: nameOf(in), ARN: in.Address, Path: str(in.After, "path"),
		AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
	}
	b.groups[in.Address] = g
	b.byName["group/"+g.Name] = in.Address
}

func mapRole(m *mapping, in instance) {
	b := m.awsAccount()
	path := str(in.After, "path")
	r := &snapshot.IAMRole{
		Name: nameOf(in), ARN: in.Address, Path: path,
		ServiceLinked:      strings.HasPrefix(path, "/aws-service-role/"),
		MaxSessionDuration: intOr(in.After, "max_session_duration", 0),
		AttachedPolicies:   []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
		PermissionsBoundary: str(in.After, "permissions_boundary"), Tags: tags(in.After),
	}
	trust := readDocument(in.After, in.Unknown, "assume_role_policy", in.Address)
	r.TrustPolicy, r.TrustPolicyRaw, r.TrustPolicyError = trust.Doc, trust.Raw, trust.Err
	if trust.Unknown {
		m.fail(unknownError("iam", "assume_role_policy", in.Address, in.Address))
	}
	if namesAWSPrincipal(trust.Doc) {
		b.trustNamesAWS = append(b.trustNamesAWS, in.Address)
	}
	// inline_policy blocks: wholly unknown means "not configured"
	// (the provider computes it); a known block with an unknown
	// document is unknown.
	for i, blk := range blocks(in.After, "inline_policy") {
		d := readDocument(blk, index(in.Unknown, "inline_policy", i), "policy", in.Address)
		if !d.Present() {
			continue
		}
		name := str(blk, "name")
		if name == "" {
			name = in.Address
		}
		if d.Unknown {
			d.Err = unknownText("inline_policy "+name, in.Address)
			m.fail(unknownError("iam", "inline_policy "+name, in.Address, in.Address))
		}
		r.InlinePolicies = append(r.InlinePolicies, snapshot.InlinePolicy{Name: name, Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err})
	}
	if !unknownAt(in.Unknown, "managed_policy_arns") {
		for _, arn := range strs(in.After, "managed_policy_arns") {
			r.AttachedPolicies = append(r.AttachedPolicies, snapshot.AttachedPolicy{Name: lastSegment(arn), ARN: arn})
		}
	}
	b.roles[in.Address] = r
	b.byName["role/"+r.Name] = in.Address
}

// index returns the after_unknown element of a nested block.
func index(u any, key string, i int) any {
	if u == true {
		return true
	}
	m, _ := u.(map[string]any)
	l, _ := m[key].([]any)
	if i < len(l) {
		return l[i]
	}
	if m[key] == true {
		return true
	}
	return nil
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

func mapPolicy(m *mapping, in instance) {
	b := m.awsAccount()
	d := readDocument(in.After, in.Unknown, "policy", in.Address)
	p := &snapshot.ManagedPolicy{
		Name: nameOf(in), ARN: in.Address, Path: str(in.After, "path"), DefaultVersion: "v1",
		Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err,
	}
	if d.Unknown {
		// Its principals' results depend on it: they get the error
		// when the attachments are mapped (see attach).
		m.fail(unknownError("iam", "policy", in.Address, in.Address))
	}
	b.policies[in.Address] = p
}

func mapOIDCProvider(m *mapping, in instance) {
	b := m.awsAccount()
	b.oidc = append(b.oidc, snapshot.OIDCProvider{ARN: in.Address, URL: str(in.After, "url"), ClientIDs: strs(in.After, "client_id_list")})
}

// awsManaged are AWS-managed policies whose documents the plan cannot
// hold but whose attachment alone decides a control. AdministratorAccess
// allows every action on every resource (its published document).
var awsManaged = map[string]string{
	"AdministratorAccess": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
}

// addAWSManaged adds the AWS-managed policies of awsManaged that a
// principal attaches to the account's managed policies.
func (b *awsBuilder) addAWSManaged() {
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
