package aws

import (
	"slices"
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// principal finds the user, group or role (kind) that attribute attr of
// in grants to: by its name when known (one the plan does not manage is
// added as outside the plan, see grantee), else through the reference in
// the configuration. It returns the principal's address, or "" with the
// candidates a reference could mean when it cannot tell. When it cannot
// tell and no reference names a candidate, the grant (op) may reach any
// principal of the account: see unknownGrantee ("" op: record nothing).
func (b *builder) principal(in tf.Instance, attr, kind, op string) (string, []string) {
	if !tf.UnknownAt(in.Unknown, attr) {
		if name := in.After.Str(attr); name != "" {
			return b.grantee(in, kind, name), nil
		}
		return "", nil
	}
	addr, maybe := b.m.Resolve(in, attr, "aws_iam_"+kind)
	if addr == "" && len(maybe) == 0 {
		b.unknownGrantee(in, op, attr)
	}
	return addr, maybe
}

// unknownGrantee records that in grants (op) to a principal that attr,
// unknown until apply, does not name and no reference tells: any
// principal of the account may be the one, so the engine makes every
// PASS resting on op there undecided (snapshot.CodeUnknownGrantee).
func (b *builder) unknownGrantee(in tf.Instance, op, attr string) {
	if op == "" {
		return
	}
	whom := ": whom it grants to cannot be told"
	if op == OpCredentials {
		whom = ": which user it is for cannot be told"
	}
	b.m.Fail(snapshot.CollectionError{
		Provider: "aws", Account: b.accountOf(in), Service: "iam", Operation: op, Code: snapshot.CodeUnknownGrantee,
		Message: tf.UnknownText(attr, in.Address) + whom, Sources: []string{in.Address},
	})
}

// principalList is principal for a list attribute (users, groups, roles
// of aws_iam_policy_attachment and memberships). unnamed is true when an
// element unknown until apply may be a principal no reference names (a
// value other than the plan's principals enters the list): the caller
// says whom that may reach.
func (b *builder) principalList(in tf.Instance, attr, kind string) (found, unsure []string, unnamed bool) {
	if !tf.UnknownAt(in.Unknown, attr) {
		for _, name := range in.After.Strs(attr) {
			found = append(found, b.grantee(in, kind, name))
		}
		return found, nil, false
	}
	// A list with unknown elements: its known elements by name, the
	// others through the references of its expression when they say
	// exactly which principals; else every resource it may mean is
	// unsure.
	refs, ok := b.m.ResolveAll(in, attr, "aws_iam_"+kind)
	for _, name := range in.After.Strs(attr) {
		if a := b.grantee(in, kind, name); !slices.Contains(refs, a) {
			found = append(found, a)
		}
	}
	if !ok {
		unsure, only := b.m.Referenced(in, attr, "aws_iam_"+kind)
		return found, unsure, !only || len(unsure) == 0
	}
	return append(found, refs...), nil, false
}

// policyList reads a list of policy ARNs (managed_policy_arns of
// aws_iam_role) as policyARN reads one: literal ARNs, planned policies by
// ARN or by reference. ok is false when an unknown element cannot be
// told.
func (b *builder) policyList(in tf.Instance, attr string) (arns []string, ok bool) {
	for _, arn := range in.After.Strs(attr) {
		arns = append(arns, b.plannedPolicy(arn, b.accountOf(in)))
	}
	if !tf.UnknownAt(in.Unknown, attr) {
		return arns, true
	}
	refs, ok := b.m.ResolveAll(in, attr, "aws_iam_policy")
	if !ok {
		return arns, false
	}
	for _, r := range refs {
		if !slices.Contains(arns, r) {
			arns = append(arns, r)
		}
	}
	return arns, true
}

// policyARN is what attribute attr (policy_arn) of an attachment points
// at: the address of the plan's aws_iam_policy it refers to or names by
// its literal ARN, else a known ARN (AWS-managed or existing policy). ok
// is false when it cannot tell.
func (b *builder) policyARN(in tf.Instance, attr string) (string, bool) {
	if !tf.UnknownAt(in.Unknown, attr) {
		if arn := in.After.Str(attr); arn != "" {
			return b.plannedPolicy(arn, b.accountOf(in)), true
		}
	}
	addr, _ := b.m.Resolve(in, attr, "aws_iam_policy")
	return addr, addr != ""
}

// plannedPolicy turns the literal ARN of a customer-managed policy the
// plan creates in account (arn:aws:iam::ACCOUNT:policy/PATH/NAME) into
// that policy's address; any other ARN is returned as it is. IAM attaches
// only policies of the principal's own account, so an ARN naming another
// account is not the planned policy of that path and name. When the own
// account is unknown, the ARN's account is the only one the attachment
// can succeed in, which is where the plan creates the policy.
func (b *builder) plannedPolicy(arn, account string) string {
	resource, ok := ownIAM(arn, account, "policy/")
	if !ok {
		return arn
	}
	if addr := b.byName[nameKey(account, resource)]; addr != "" {
		return addr
	}
	return arn
}

// ownIAM returns the resource part (policy/PATH/NAME, role/PATH/NAME) of
// an IAM ARN whose resource starts with prefix, in account (any account
// when it is unknown); ok is false for any other ARN.
func ownIAM(arn, account, prefix string) (resource string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || !strings.HasPrefix(parts[5], prefix) {
		return "", false
	}
	if account != "" && parts[4] != account {
		return "", false
	}
	return parts[5], true
}

// addInline and attach add to a principal by address.
func (b *builder) addInline(addr string, ip snapshot.InlinePolicy) {
	switch {
	case b.users[addr] != nil:
		b.users[addr].InlinePolicies = append(b.users[addr].InlinePolicies, ip)
	case b.groups[addr] != nil:
		b.groups[addr].InlinePolicies = append(b.groups[addr].InlinePolicies, ip)
	case b.roles[addr] != nil:
		b.roles[addr].InlinePolicies = append(b.roles[addr].InlinePolicies, ip)
	}
}

func (b *builder) attach(principal, arn string) {
	ap := snapshot.AttachedPolicy{Name: lastSegment(arn), ARN: arn}
	if p := b.policies[arn]; p != nil {
		ap.Name = p.Name
		if p.DocumentError != "" && p.Document == nil {
			// The principal's permissions are as unknown as the
			// policy's document.
			if strings.HasSuffix(p.DocumentError, "unknown until apply") {
				b.m.Fail(unknownError("iam", OpManaged, "policy", arn, principal))
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
func mapInline(kind string) func(*builder, tf.Instance) {
	return func(b *builder, in tf.Instance) {
		p, unsure := b.principal(in, kind, kind, OpInline)
		d := readDocument(in.After, in.Unknown, "policy", in.Address)
		if p == "" {
			for _, c := range unsure {
				b.m.Fail(unknownError("iam", OpInline, kind, in.Address, c))
			}
			return
		}
		name := nameOf(in)
		if d.Unknown {
			b.m.Fail(unknownError("iam", OpInline, "policy", in.Address, p))
		}
		b.addInline(p, snapshot.InlinePolicy{Name: name, Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err})
	}
}

// mapAttachment maps aws_iam_{user,group,role}_policy_attachment.
func mapAttachment(kind string) func(*builder, tf.Instance) {
	return func(b *builder, in tf.Instance) {
		p, unsure := b.principal(in, kind, kind, OpManaged)
		if p == "" {
			for _, c := range unsure {
				b.m.Fail(unknownError("iam", OpManaged, kind, in.Address, c))
			}
			return
		}
		b.attachOrUnknown(in, p)
	}
}

func (b *builder) attachOrUnknown(in tf.Instance, principal string) {
	arn, ok := b.policyARN(in, "policy_arn")
	if !ok {
		b.m.Fail(unknownError("iam", OpManaged, "policy_arn", in.Address, principal))
		return
	}
	b.attach(principal, arn)
}

// mapPolicyAttachment maps aws_iam_policy_attachment: one policy to lists
// of users, groups and roles.
func (b *builder) mapPolicyAttachment(in tf.Instance) {
	for _, kind := range []string{"user", "group", "role"} {
		found, unsure, unnamed := b.principalList(in, kind+"s", kind)
		for _, p := range found {
			b.attachOrUnknown(in, p)
		}
		if unnamed {
			b.unknownGrantee(in, OpManaged, kind+"s")
		}
		for _, p := range unsure {
			b.m.Fail(unknownError("iam", OpManaged, kind+"s", in.Address, p))
		}
	}
}

// addToGroup records that a user is a member of a group (by name, as
// IAM lists a user's groups).
func (b *builder) addToGroup(user, group string) {
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

func (b *builder) mapGroupMembership(in tf.Instance) {
	// A group it cannot tell concerns the users it names (below).
	g, _ := b.principal(in, "group", "group", "")
	users, unsure, unnamed := b.principalList(in, "users", "user")
	if unnamed {
		// Some user it cannot tell joins the group.
		b.unknownGrantee(in, OpGroups, "users")
	}
	for _, u := range users {
		if g == "" {
			// Which group the users join cannot be told.
			b.m.Fail(unknownError("iam", OpGroups, "group", in.Address, u))
			continue
		}
		b.addToGroup(u, g)
	}
	for _, u := range unsure {
		b.m.Fail(unknownError("iam", OpGroups, "users", in.Address, u))
	}
}

func (b *builder) mapUserGroupMembership(in tf.Instance) {
	u, maybe := b.principal(in, "user", "user", OpGroups)
	for _, c := range maybe {
		// Which user joins the groups cannot be told.
		b.m.Fail(unknownError("iam", OpGroups, "user", in.Address, c))
	}
	groups, unsure, unnamed := b.principalList(in, "groups", "group")
	for _, g := range groups {
		b.addToGroup(u, g)
	}
	if u != "" && (len(unsure) > 0 || unnamed) {
		b.m.Fail(unknownError("iam", OpGroups, "groups", in.Address, u))
	}
}

// mapAccessKey maps aws_iam_access_key. A key for a user the plan does
// not manage makes that user outside the plan (grantee): the key is
// known, the user's other keys are not.
func (b *builder) mapAccessKey(in tf.Instance) {
	if u := b.credentialHolder(in); u != nil {
		status := in.After.Str("status")
		u.AccessKeys = append(u.AccessKeys, snapshot.AccessKey{Slot: len(u.AccessKeys) + 1, Active: status == "" || status == "Active"})
	}
}

// mapLoginProfile maps aws_iam_user_login_profile: the user has a
// password. The console controls need the credential report, so for a
// user outside the plan they are not evaluated.
func (b *builder) mapLoginProfile(in tf.Instance) {
	if u := b.credentialHolder(in); u != nil {
		u.PasswordEnabled = true
	}
}

// credentialHolder is the user an access key or login profile is for.
// When the plan cannot tell which (its user is unknown until apply), the
// users it may be have their credentials unknown, and when no reference
// names any, so have all of the account's (unknownGrantee): else each of
// them would PASS the credential controls on a key or password it may
// have.
func (b *builder) credentialHolder(in tf.Instance) *snapshot.IAMUser {
	addr, maybe := b.principal(in, "user", "user", OpCredentials)
	for _, m := range maybe {
		b.m.Fail(unknownError("iam", OpCredentials, "user", in.Address, m))
	}
	return b.users[addr]
}
