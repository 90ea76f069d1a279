package terraform

import (
	"encoding/json"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

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
		if !d.present() {
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

// principal finds the plan's user, group or role (kind) that attribute
// attr of in names: by its name when known, else through the reference
// in the configuration. It returns the principal's address, or "" with
// the candidates a reference could mean when it cannot tell.
func (m *mapping) principal(in instance, attr, kind string) (string, []string) {
	b := m.awsAccount()
	if !unknownAt(in.Unknown, attr) {
		if name := str(in.After, attr); name != "" {
			return b.byName[kind+"/"+name], nil
		}
	}
	return m.resolve(in, attr, "aws_iam_"+kind)
}

// principalList is principal for a list attribute (users, groups, roles
// of aws_iam_policy_attachment and memberships).
func (m *mapping) principalList(in instance, attr, kind string) (found []string, unsure []string) {
	b := m.awsAccount()
	if !unknownAt(in.Unknown, attr) {
		for _, name := range strs(in.After, attr) {
			if a := b.byName[kind+"/"+name]; a != "" {
				found = append(found, a)
			}
		}
		return found, nil
	}
	// A list with unknown elements: every resource it refers to.
	for _, ref := range m.plan.Configuration.references(in, attr) {
		if t, name, _, ok := parseRef(ref); ok && t == "aws_iam_"+kind {
			for _, c := range m.siblings[in.Module+"|"+t+"."+name] {
				unsure = append(unsure, c.Address)
			}
		}
	}
	return nil, unsure
}

// policyARN is what attribute attr (policy_arn) of an attachment points
// at: a known ARN (AWS-managed or existing policy), or the address of the
// plan's aws_iam_policy it refers to. ok is false when it cannot tell.
func (m *mapping) policyARN(in instance, attr string) (string, bool) {
	if !unknownAt(in.Unknown, attr) {
		if arn := str(in.After, attr); arn != "" {
			return arn, true
		}
	}
	addr, _ := m.resolve(in, attr, "aws_iam_policy")
	return addr, addr != ""
}

// addInline and attach add to a principal by address.
func (b *awsBuilder) addInline(addr string, ip snapshot.InlinePolicy) {
	switch {
	case b.users[addr] != nil:
		b.users[addr].InlinePolicies = append(b.users[addr].InlinePolicies, ip)
	case b.groups[addr] != nil:
		b.groups[addr].InlinePolicies = append(b.groups[addr].InlinePolicies, ip)
	case b.roles[addr] != nil:
		b.roles[addr].InlinePolicies = append(b.roles[addr].InlinePolicies, ip)
	}
}

func (m *mapping) attach(principal, arn string) {
	b := m.awsAccount()
	ap := snapshot.AttachedPolicy{Name: lastSegment(arn), ARN: arn}
	if p := b.policies[arn]; p != nil {
		ap.Name = p.Name
		if p.DocumentError != "" && p.Document == nil {
			// The principal's permissions are as unknown as the
			// policy's document.
			if strings.HasSuffix(p.DocumentError, "unknown until apply") {
				m.fail(unknownError("iam", "policy", arn, principal))
			}
		}
	}
	var list *[]snapshot.AttachedPolicy
	switch {
	case b.users[principal] != nil:
		list = &b.users[principal].AttachedPolicies
	case b.groups[principal] != nil:
		list = &b.groups[principal].AttachedPolicies
	case b.roles[principal] != nil:
		list = &b.roles[principal].AttachedPolicies
	default:
		return
	}
	for _, x := range *list {
		if x.ARN == arn {
			return
		}
	}
	*list = append(*list, ap)
}

func lastSegment(arn string) string {
	if i := strings.LastIndexAny(arn, "/:"); i >= 0 {
		return arn[i+1:]
	}
	return arn
}

// mapInline maps aws_iam_{user,group,role}_policy: an inline policy of the
// principal named by its user/group/role attribute.
func mapInline(kind string) func(*mapping, instance) {
	return func(m *mapping, in instance) {
		b := m.awsAccount()
		p, unsure := m.principal(in, kind, kind)
		d := readDocument(in.After, in.Unknown, "policy", in.Address)
		if p == "" {
			for _, c := range unsure {
				m.fail(unknownError("iam", kind, in.Address, c))
			}
			return
		}
		name := nameOf(in)
		if d.Unknown {
			m.fail(unknownError("iam", "policy", in.Address, p))
		}
		b.addInline(p, snapshot.InlinePolicy{Name: name, Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err})
	}
}

// mapAttachment maps aws_iam_{user,group,role}_policy_attachment.
func mapAttachment(kind string) func(*mapping, instance) {
	return func(m *mapping, in instance) {
		p, unsure := m.principal(in, kind, kind)
		if p == "" {
			for _, c := range unsure {
				m.fail(unknownError("iam", kind, in.Address, c))
			}
			return
		}
		m.attachOrUnknown(in, p)
	}
}

func (m *mapping) attachOrUnknown(in instance, principal string) {
	arn, ok := m.policyARN(in, "policy_arn")
	if !ok {
		m.fail(unknownError("iam", "policy_arn", in.Address, principal))
		return
	}
	m.attach(principal, arn)
}

// mapPolicyAttachment maps aws_iam_policy_attachment: one policy to lists
// of users, groups and roles.
func mapPolicyAttachment(m *mapping, in instance) {
	for _, kind := range []string{"user", "group", "role"} {
		found, unsure := m.principalList(in, kind+"s", kind)
		for _, p := range found {
			m.attachOrUnknown(in, p)
		}
		for _, p := range unsure {
			m.fail(unknownError("iam", kind+"s", in.Address, p))
		}
	}
}

// addToGroup records that a user is a member of a group (by name, as
// IAM lists a user's groups).
func (m *mapping) addToGroup(user, group string) {
	b := m.awsAccount()
	u := b.users[user]
	g := b.groups[group]
	if u == nil || g == nil {
		return
	}
	for _, n := range u.Groups {
		if n == g.Name {
			return
		}
	}
	u.Groups = append(u.Groups, g.Name)
}

func mapGroupMembership(m *mapping, in instance) {
	g, _ := m.principal(in, "group", "group")
	users, unsure := m.principalList(in, "users", "user")
	for _, u := range users {
		m.addToGroup(u, g)
	}
	for _, u := range unsure {
		m.fail(unknownError("iam", "users", in.Address, u))
	}
}

func mapUserGroupMembership(m *mapping, in instance) {
	u, _ := m.principal(in, "user", "user")
	groups, unsure := m.principalList(in, "groups", "group")
	for _, g := range groups {
		m.addToGroup(u, g)
	}
	if u != "" && len(unsure) > 0 {
		m.fail(unknownError("iam", "groups", in.Address, u))
	}
}

func mapAccessKey(m *mapping, in instance) {
	b := m.awsAccount()
	addr, _ := m.principal(in, "user", "user")
	u := b.users[addr]
	if u == nil {
		return
	}
	status := str(in.After, "status")
	u.AccessKeys = append(u.AccessKeys, snapshot.AccessKey{Slot: len(u.AccessKeys) + 1, Active: status == "" || status == "Active"})
}

func mapLoginProfile(m *mapping, in instance) {
	b := m.awsAccount()
	addr, _ := m.principal(in, "user", "user")
	if u := b.users[addr]; u != nil {
		u.PasswordEnabled = true
	}
}

// mapPasswordPolicy reads aws_iam_account_password_policy with the
// provider's defaults. An account has one password policy; a plan that
// declares several (each overwriting the other on apply) is judged by the
// weakest, so it cannot pass on the strongest.
func mapPasswordPolicy(m *mapping, in instance) {
	b := m.awsAccount()
	p := &snapshot.PasswordPolicy{
		MinimumLength:              intOr(in.After, "minimum_password_length", 6),
		RequireSymbols:             boolOr(in.After, "require_symbols", false),
		RequireNumbers:             boolOr(in.After, "require_numbers", false),
		RequireUppercase:           boolOr(in.After, "require_uppercase_characters", false),
		RequireLowercase:           boolOr(in.After, "require_lowercase_characters", false),
		AllowUsersToChangePassword: boolOr(in.After, "allow_users_to_change_password", true),
		MaxPasswordAge:             intOr(in.After, "max_password_age", 0),
		PasswordReusePrevention:    intOr(in.After, "password_reuse_prevention", 0),
		HardExpiry:                 boolOr(in.After, "hard_expiry", false),
	}
	// Left out of the configuration, these are computed by the provider
	// as AWS's defaults (6 characters, no reuse prevention), which the
	// values above already are.
	for _, attr := range []string{"minimum_password_length", "password_reuse_prevention"} {
		if unknownAt(in.Unknown, attr) && m.plan.Configuration.sets(in, attr) {
			m.fail(unknownError("iam", attr, in.Address, b.accountARN()))
		}
	}
	if b.passwordPolicy == nil || weaker(p, b.passwordPolicy) {
		b.passwordPolicy, b.passwordPolicyAddr = p, in.Address
	}
}

func weaker(a, b *snapshot.PasswordPolicy) bool {
	if a.MinimumLength != b.MinimumLength {
		return a.MinimumLength < b.MinimumLength
	}
	return a.PasswordReusePrevention < b.PasswordReusePrevention
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
