package aws

import (
	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// mapOrgPolicy reads an organization policy (an SCP unless type says
// otherwise). The organization itself is not in the plan: its ID and
// accounts stay empty.
func (b *builder) mapOrgPolicy(in tf.Instance) {
	if b.org == nil {
		b.org = &snapshot.AWSOrganization{Policies: []snapshot.OrgPolicy{}}
	}
	d := readDocument(in.After, in.Unknown, "content", in.Address)
	if d.Unknown {
		b.m.Fail(unknownError("organizations", "content", "content", in.Address, in.Address))
	}
	b.org.Policies = append(b.org.Policies, snapshot.OrgPolicy{
		ID: in.Address, ARN: in.Address, Name: nameOf(in), Type: in.After.StrOr("type", "SERVICE_CONTROL_POLICY"),
		Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err, Targets: []snapshot.OrgTarget{},
	})
}

func (b *builder) mapOrgPolicyAttachment(in tf.Instance) {
	if b.org == nil {
		return
	}
	id, _ := b.m.Resolve(in, "policy_id", "aws_organizations_policy")
	if id == "" && !tf.UnknownAt(in.Unknown, "policy_id") {
		id = in.After.Str("policy_id")
	}
	target := in.After.Str("target_id")
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

func (b *builder) mapPublicAccessBlock(in tf.Instance) {
	b.acct(in).pab = &snapshot.PublicAccessBlock{
		BlockPublicACLs:       in.After.BoolOr("block_public_acls", false),
		IgnorePublicACLs:      in.After.BoolOr("ignore_public_acls", false),
		BlockPublicPolicy:     in.After.BoolOr("block_public_policy", false),
		RestrictPublicBuckets: in.After.BoolOr("restrict_public_buckets", false),
	}
}
