package awsiam

import (
	"fmt"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// Kinds of principal.
const (
	KindUser  = "user"
	KindGroup = "group"
	KindRole  = "role"
)

// Principal is a user, group or role with every policy that governs what
// it may do, rendered for it.
type Principal struct {
	Kind string
	Name string
	// ARN names the principal in results: on a Terraform plan, the
	// resource's address.
	ARN string
	// resARN is the ARN policies and trust policies name it by: ARN, or
	// on a plan the ARN the principal will have (see resourceARN).
	resARN  string
	Account *Account
	// Groups are the groups of a user.
	Groups []*Principal
	// ServiceLinked roles are managed by AWS and never judged.
	ServiceLinked bool
	// Unknown names each of its policies the snapshot cannot show (a
	// document missing or unreadable): a control must not PASS on it.
	Unknown []string
	// Notes are assumptions made about the principal as a whole (a
	// boundary that could not be read, SCPs whose reach is unknown).
	Notes []string

	user *snapshot.IAMUser
	role *snapshot.IAMRole
	// memberFrom, for a group, prefixes the sources of its policies as
	// rendered for a member ("group NAME: ").
	memberFrom string

	ctx      *Context
	identity *layer
	// boundary is nil when the principal has none (or it is unreadable:
	// see Notes). boundaryARN is set either way.
	boundary    *layer
	boundaryARN string
	scps        []*layer
	// attached are the customer-managed policies attached to it, its
	// groups' included: writing a new version of one rewrites its
	// permissions.
	attached []*Managed

	// resCtx holds the condition keys of a request acting on this
	// principal (its tags as resource tags), built on first use.
	resCtx *Context

	admin       bool
	adminGrants []string
	// identityAdmin: its identity policies alone are admin (a boundary
	// or an SCP may still hold it back).
	identityAdmin bool
}

// layers are the policy sets a request must pass, identity first.
func (p *Principal) layers() []*layer {
	out := make([]*layer, 0, 2+len(p.scps))
	out = append(out, p.identity)
	if p.boundary != nil {
		out = append(out, p.boundary)
	}
	return append(out, p.scps...)
}

// Admin reports whether the principal is a full administrator: an Allow of
// every action on every resource (or a NotAction that spares every IAM
// action: whoever may do all of IAM can grant itself the rest) in its
// identity policies, not held back by its permissions boundary or an SCP,
// and not cancelled by an unconditional Deny of everything. Conditions on
// the grant do not matter: an admin grant that requires MFA is still one.
func (p *Principal) Admin() bool { return p.admin }

// AdminGrants names the identity policies holding an admin statement,
// whether or not a boundary or SCP holds them back.
func (p *Principal) AdminGrants() []string { return p.adminGrants }

// Bounded reports whether a permissions boundary or an SCP keeps an
// identity-admin principal from being admin.
func (p *Principal) Bounded() bool { return p.identityAdmin && !p.admin }

// BoundaryARN is the principal's permissions boundary, "" when none.
func (p *Principal) BoundaryARN() string { return p.boundaryARN }

// principalContext holds the condition keys a request by p carries and
// the snapshot knows. The keys every principal of the account shares sit
// in the account's context (its Parent), so that each principal adds only
// its own: no key is in both, so looking one up gives what a single
// context holding them all would.
func principalContext(kind, name, arn, id string, tags map[string]string, a *Account) *Context {
	if a.ctx == nil {
		a.ctx = accountContext(a)
	}
	c := &Context{Parent: a.ctx}
	if kind == KindGroup {
		return c
	}
	c.Known = make(map[string][]string, 4+len(tags))
	c.Known["aws:principalarn"] = []string{arn}
	switch kind {
	case KindUser:
		c.Known["aws:principaltype"] = userType
		c.Known["aws:username"] = []string{name}
		if id != "" {
			c.Known["aws:userid"] = []string{id}
		}
		c.Absent = absentTags
	case KindRole:
		c.Known["aws:principaltype"] = roleType
		// A role session has no user name; its user ID is
		// ROLEID:session-name, which the snapshot cannot know.
		c.Absent = absentRoleKeys
	default:
		c.Absent = absentTags
	}
	for k, v := range tags {
		c.Known["aws:principaltag/"+strings.ToLower(k)] = []string{v}
	}
	return c
}

// Values and key sets shared by every principal's context: read-only.
var (
	userType = []string{"User"}
	roleType = []string{"AssumedRole"}
	// Tags are collected whole: a tag not listed is not there. For a
	// group (a stand-in for any of its members) they are unknown, so a
	// group's context does not hold this.
	absentTags     = map[string]bool{"aws:principaltag/*": true}
	absentRoleKeys = map[string]bool{"aws:principaltag/*": true, "aws:username": true}
)

// accountContext holds the request keys of every principal of a.
func accountContext(a *Account) *Context {
	c := &Context{Known: map[string][]string{}, Absent: map[string]bool{}}
	c.Known["aws:principalaccount"] = []string{a.ID}
	c.Known["aws:principalisawsservice"] = []string{"false"}
	c.Known["aws:viaawsservice"] = []string{"false"}
	c.Absent["aws:principalservicename"] = true
	switch {
	case a.OrgID != "":
		c.Known["aws:principalorgid"] = []string{a.OrgID}
	case a.OrgKnown:
		c.Absent["aws:principalorgid"] = true
	}
	return c
}

func (p *Principal) String() string {
	return fmt.Sprintf("%s/%s", p.Kind, p.Name)
}

// Label is the short name used in chains: user/ci, role/deployer.
func (p *Principal) Label() string { return p.String() }
