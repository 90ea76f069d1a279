package aws

import (
	"slices"
	"sort"
	"strings"

	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// outsider is a user, group or role the plan shows only in part: one it
// grants to without managing it (an attachment, inline policy,
// membership or access key names it by a name no resource of the plan
// has), or one it manages but does not create (see existing).
type outsider struct {
	kind, name, account string
	// address is set for a user or group the plan manages but does not
	// create.
	address string
	// grants are the addresses of the plan's resources that grant to it.
	grants []string
}

// grantee is the address of the plan's user, group or role (kind) called
// name in in's account; when the plan has none, the principal exists
// outside the plan and is added to the snapshot with only what the plan
// grants it (snapshot.CodeOutsidePlan), so that a plan attaching an admin
// policy to an existing user is judged instead of dropped. in is recorded
// as one of its grants.
func (b *builder) grantee(in tf.Instance, kind, name string) string {
	account := b.accountOf(in)
	key := nameKey(account, kind+"/"+name)
	addr := b.byName[key]
	if addr == "" {
		addr = b.addOutsider(kind, name, account)
		b.byName[key] = addr
	}
	if o := b.outsiders[addr]; o != nil && !slices.Contains(o.grants, in.Address) {
		o.grants = append(o.grants, in.Address)
	}
	return addr
}

// addOutsider adds an existing principal and returns its identifier: the
// ARN IAM gives a principal of that name under path "/" (the plan does not
// say its path; names are unique in an account, so the identifier is
// still one principal's). The account is empty when the plan does not
// name it.
func (b *builder) addOutsider(kind, name, account string) string {
	id := "arn:" + b.partition + ":iam::" + account + ":" + kind + "/" + name
	b.outsiders[id] = &outsider{kind: kind, name: name, account: account}
	b.owner[id] = account
	switch kind {
	case "user":
		b.users[id] = &snapshot.IAMUser{
			Name: name, ARN: id, Groups: []string{},
			AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
			OutsidePlan: true,
		}
	case "group":
		b.groups[id] = &snapshot.IAMGroup{
			Name: name, ARN: id,
			AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
			OutsidePlan: true,
		}
	case "role":
		b.roles[id] = &snapshot.IAMRole{
			Name: name, ARN: id,
			AttachedPolicies: []snapshot.AttachedPolicy{}, InlinePolicies: []snapshot.InlinePolicy{},
			TrustPolicyError: "not managed by this plan: the trust policy is unknown",
			OutsidePlan:      true,
		}
	}
	return id
}

// existing marks a user or group the plan manages but does not create as
// outside the plan (see outsider): IAM lists no attachments made outside
// Terraform with it, as it does for a role (managed_policy_arns,
// inline_policy), so the plan shows only part of what it has.
func (b *builder) existing(in tf.Instance, kind, name string, outsidePlan *bool) {
	if in.Created {
		return
	}
	*outsidePlan = true
	b.outsiders[in.Address] = &outsider{kind: kind, name: name, account: b.accountOf(in), address: in.Address}
}

// failOutsiders records, for each principal outside the plan, the
// resource-scoped CodeOutsidePlan error that tells the engine to report
// only the failures the plan's grants cause.
func (b *builder) failOutsiders() {
	ids := make([]string, 0, len(b.outsiders))
	for id := range b.outsiders {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		o := b.outsiders[id]
		sort.Strings(o.grants)
		msg := o.kind + " " + o.name + " is not managed by this plan: only what " + strings.Join(o.grants, ", ") +
			" grants it is known; " + snapshot.OutsideThePlan(o.kind) + " are not"
		if o.address != "" {
			what := "policies"
			if o.kind == "user" {
				what = "policies, groups and access keys"
			}
			msg = o.kind + " " + o.name + " exists already: this plan shows only what Terraform gives it, not the " + what + " it was given outside Terraform"
		}
		b.m.Fail(snapshot.CollectionError{
			Provider: "aws", Account: o.account, Service: "iam", Operation: "*",
			Code: snapshot.CodeOutsidePlan, Resource: id, Sources: o.grants, Message: msg,
		})
	}
}
