package terraform

import (
	"github.com/rampart-sec/rampart/snapshot"
)

func init() {
	register(0, map[string]func(*mapping, instance){
		"aws_organizations_policy":           mapOrgPolicy,
		"aws_s3_account_public_access_block": mapPublicAccessBlock,
	})
	register(1, map[string]func(*mapping, instance){
		"aws_organizations_policy_attachment": mapOrgPolicyAttachment,
	})
}

// mapOrgPolicy reads an organization policy (an SCP unless type says
// otherwise). The organization itself is not in the plan: its ID and
// accounts stay empty.
func mapOrgPolicy(m *mapping, in instance) {
	b := m.awsAccount()
	if b.org == nil {
		b.org = &snapshot.AWSOrganization{Policies: []snapshot.OrgPolicy{}}
	}
	d := readDocument(in.After, in.Unknown, "content", in.Address)
	if d.Unknown {
		m.fail(unknownError("organizations", "content", in.Address, in.Address))
	}
	b.org.Policies = append(b.org.Policies, snapshot.OrgPolicy{
		ID: in.Address, ARN: in.Address, Name: nameOf(in), Type: strOr(in.After, "type", "SERVICE_CONTROL_POLICY"),
		Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err, Targets: []snapshot.OrgTarget{},
	})
}

func mapOrgPolicyAttachment(m *mapping, in instance) {
	b := m.awsAccount()
	if b.org == nil {
		return
	}
	id, _ := m.resolve(in, "policy_id", "aws_organizations_policy")
	if id == "" && !unknownAt(in.Unknown, "policy_id") {
		id = str(in.After, "policy_id")
	}
	target := str(in.After, "target_id")
	for i := range b.org.Policies {
		p := &b.org.Policies[i]
		if p.ID != id || target == "" {
			continue
		}
		p.Targets = append(p.Targets, snapshot.OrgTarget{ID: target, Type: targetType(target)})
	}
}

// targetType tells a root (r-), an OU (ou-) and an account (12 digits)
// apart by their ID's form.
func targetType(id string) string {
	switch {
	case len(id) > 2 && id[:2] == "r-":
		return "ROOT"
	case len(id) > 3 && id[:3] == "ou-":
		return "ORGANIZATIONAL_UNIT"
	}
	return "ACCOUNT"
}

func mapPublicAccessBlock(m *mapping, in instance) {
	b := m.awsAccount()
	b.pab = &snapshot.PublicAccessBlock{
		BlockPublicACLs:       boolOr(in.After, "block_public_acls", false),
		IgnorePublicACLs:      boolOr(in.After, "ignore_public_acls", false),
		BlockPublicPolicy:     boolOr(in.After, "block_public_policy", false),
		RestrictPublicBuckets: boolOr(in.After, "restrict_public_buckets", false),
	}
}
