package terraform

import (
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

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
