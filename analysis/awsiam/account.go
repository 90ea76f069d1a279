package awsiam

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rampart-sec/rampart/snapshot"
)

// Account is one snapshot account prepared for evaluation: every
// principal with its policies parsed once.
type Account struct {
	ID        string
	Partition string
	// OrgID is the organization the account belongs to, when the
	// snapshot shows it; OrgKnown is true when the snapshot has the
	// organization (so an account outside it is known to be outside).
	OrgID    string
	OrgKnown bool

	Users  []*Principal
	Groups []*Principal
	Roles  []*Principal

	byARN     map[string]*Principal
	groupName map[string]*Principal
	policies  map[string]*Managed
	// parsed caches inline documents by group, name and text (a group's
	// policies are read once, not once per member); compiled shares the
	// statements without policy variables between principals.
	parsed   map[inlineKey]map[string]parsedDoc
	compiled map[compiledKey]*stmt
	// stmts counts the statements render has compiled: their ids.
	stmts uint32
	// memos are the layer memos by statement ids (see Account.share).
	memos map[string]*layerMemo
	// Regions are the account's collected regions.
	Regions []snapshot.AWSRegion

	// ctx holds the request keys every principal of the account carries
	// (the Parent of each principal's context); plainRes the keys of a
	// request acting on a principal without tags (see targetKeys).
	ctx      *Context
	plainRes *Context
}

// Managed is a managed policy of the account.
type Managed struct {
	ARN string
	// resARN is the ARN a policy names it by (see resourceARN).
	resARN     string
	AWSManaged bool
	Policy     *Policy // nil when the document is missing or unreadable
	Err        string
	// Admin: the document holds a full-admin statement.
	Admin bool
	// holders are the principals it is attached to (groups included).
	holders []*Principal
}

// Principal returns the user, group or role with this ARN.
func (a *Account) Principal(arn string) *Principal { return a.byARN[arn] }

// Policy returns the managed policy with this ARN, or nil.
func (a *Account) Policy(arn string) *Managed { return a.policies[arn] }

// Principals lists users, groups and roles.
func (a *Account) Principals() []*Principal {
	out := make([]*Principal, 0, len(a.Users)+len(a.Groups)+len(a.Roles))
	out = append(out, a.Users...)
	out = append(out, a.Groups...)
	return append(out, a.Roles...)
}

// NewAccount prepares one account of a snapshot; org is the snapshot's
// organization (nil when not collected).
func NewAccount(sa *snapshot.AWSAccount, org *snapshot.AWSOrganization) *Account {
	a := &Account{
		ID: sa.AccountID, Partition: sa.Partition,
		byARN: map[string]*Principal{}, groupName: map[string]*Principal{}, policies: map[string]*Managed{},
		parsed: map[inlineKey]map[string]parsedDoc{}, compiled: map[compiledKey]*stmt{}, memos: map[string]*layerMemo{},
		Regions: sa.Regions,
	}
	if a.Partition == "" {
		a.Partition = "aws"
	}
	if org != nil {
		a.OrgKnown = true
		for _, m := range org.Accounts {
			if m.ID == a.ID {
				a.OrgID = org.ID
			}
		}
		if org.ManagementAccount == a.ID {
			a.OrgID = org.ID
		}
	}
	for i := range sa.Policies {
		mp := &sa.Policies[i]
		m := &Managed{ARN: mp.ARN, resARN: resourceARN(a, "policy", mp.Path, mp.Name, mp.ARN), AWSManaged: mp.AWSManaged}
		if pol, err := ParsePolicy(mp.Document, "managed "+mp.ARN); err != nil {
			m.Err = documentError(mp.DocumentError, err)
		} else {
			m.Policy = pol
			m.Admin = hasAdminStatement(pol.Statements)
		}
		if _, dup := a.policies[mp.ARN]; !dup {
			a.policies[mp.ARN] = m
		}
	}
	scps, scpNotes := scpLayers(a.ID, org)
	// groupAt is the index in sa.Groups of the group groupName holds.
	groupAt := map[string]int{}
	for i := range sa.Groups {
		g := &sa.Groups[i]
		p := &Principal{Kind: KindGroup, Name: g.Name, ARN: g.ARN, resARN: resourceARN(a, KindGroup, g.Path, g.Name, g.ARN), Account: a, memberFrom: "group " + g.Name + ": "}
		p.ctx = principalContext(KindGroup, g.Name, p.resARN, g.ID, nil, a)
		p.identity = &layer{name: "identity"}
		a.addPolicies(p, "", g.AttachedPolicies, g.InlinePolicies)
		p.unknownOutsidePlan(g.OutsidePlan)
		p.scps, p.Notes = scps, scpNotes
		a.Groups = append(a.Groups, p)
		a.byARN[p.ARN] = p
		if _, dup := a.groupName[g.Name]; !dup {
			a.groupName[g.Name] = p
			groupAt[g.Name] = i
		}
	}
	for i := range sa.Users {
		u := &sa.Users[i]
		p := &Principal{Kind: KindUser, Name: u.Name, ARN: u.ARN, resARN: resourceARN(a, KindUser, u.Path, u.Name, u.ARN), Account: a, user: u}
		p.ctx = principalContext(KindUser, u.Name, p.resARN, u.ID, u.Tags, a)
		p.identity = &layer{name: "identity"}
		a.addPolicies(p, "", u.AttachedPolicies, u.InlinePolicies)
		p.unknownOutsidePlan(u.OutsidePlan)
		for _, name := range u.Groups {
			g := a.groupName[name]
			if g == nil {
				p.Unknown = append(p.Unknown, fmt.Sprintf("group %s: not in the snapshot", name))
				continue
			}
			p.Groups = append(p.Groups, g)
			// The group's policies are rendered for this member:
			// ${aws:username} in a group policy is the member's name.
			sg := &sa.Groups[groupAt[name]]
			a.addPolicies(p, g.memberFrom, sg.AttachedPolicies, sg.InlinePolicies)
			if sg.OutsidePlan {
				p.Unknown = append(p.Unknown, fmt.Sprintf("group %s already exists: what the plan does not give it (%s) is unknown", name, snapshot.OutsideThePlan(KindGroup)))
			}
		}
		a.setBoundary(p, u.PermissionsBoundary)
		p.scps, p.Notes = scps, append(p.Notes, scpNotes...)
		a.Users = append(a.Users, p)
		a.byARN[p.ARN] = p
	}
	for i := range sa.Roles {
		r := &sa.Roles[i]
		p := &Principal{Kind: KindRole, Name: r.Name, ARN: r.ARN, resARN: resourceARN(a, KindRole, r.Path, r.Name, r.ARN), Account: a, role: r, ServiceLinked: r.ServiceLinked}
		p.ctx = principalContext(KindRole, r.Name, p.resARN, r.ID, r.Tags, a)
		p.identity = &layer{name: "identity"}
		a.addPolicies(p, "", r.AttachedPolicies, r.InlinePolicies)
		p.unknownOutsidePlan(r.OutsidePlan)
		a.setBoundary(p, r.PermissionsBoundary)
		p.scps, p.Notes = scps, append(p.Notes, scpNotes...)
		a.Roles = append(a.Roles, p)
		a.byARN[p.ARN] = p
	}
	for _, p := range a.Principals() {
		a.share(p.identity)
		a.share(p.boundary)
		p.decideAdmin()
	}
	return a
}

// unknownOutsidePlan records, for a principal a Terraform plan shows only
// in part (snapshot.CodeOutsidePlan), that what the plan does not give it
// is unknown: what the plan grants can make it an admin, but never proves
// that it is not one.
func (p *Principal) unknownOutsidePlan(outside bool) {
	if outside {
		p.Unknown = append(p.Unknown, fmt.Sprintf("%s %s already exists: what the plan does not give it (%s) is unknown", p.Kind, p.Name, snapshot.OutsideThePlan(p.Kind)))
	}
}

// resourceARN is the ARN a policy or a trust policy names a principal or
// managed policy by. A Terraform plan names its resources by address (the
// snapshot's arn field); a policy in the plan still names them by the ARN
// IAM will give them, arn:PARTITION:iam::ACCOUNT:KIND/PATH/NAME, so
// "iam:PassRole on arn:aws:iam::111111111111:role/deployer" reaches
// aws_iam_role.deployer. A name the plan leaves to the provider
// (name_prefix: the name is the address) keeps the address.
func resourceARN(a *Account, kind, path, name, arn string) string {
	if strings.HasPrefix(arn, "arn:") || name == "" || name == arn {
		return arn
	}
	if path == "" {
		path = "/"
	}
	return "arn:" + a.Partition + ":iam::" + a.ID + ":" + kind + path + name
}

func documentError(collected string, err error) string {
	if collected != "" {
		return collected
	}
	return err.Error()
}

// addPolicies renders a principal's (or its group's, with from naming the
// group) attached and inline policies into its identity layer.
func (a *Account) addPolicies(p *Principal, from string, attached []snapshot.AttachedPolicy, inline []snapshot.InlinePolicy) {
	for _, ap := range attached {
		m := a.policies[ap.ARN]
		switch {
		case m == nil:
			p.Unknown = append(p.Unknown, fmt.Sprintf("%smanaged %s: not in the snapshot's managed policies", from, ap.ARN))
		case m.Policy == nil:
			p.Unknown = append(p.Unknown, fmt.Sprintf("%smanaged %s: document did not parse: %s", from, ap.ARN, m.Err))
		default:
			p.identity.stmts = a.render(p.identity.stmts, m.Policy, p, from)
		}
		if m != nil {
			if !m.AWSManaged {
				p.attached = append(p.attached, m)
			}
			if from == "" {
				m.holders = append(m.holders, p)
			}
		}
	}
	for _, ip := range inline {
		pol, err := a.parse(ip.Document, from, ip.Name)
		if err != nil {
			p.Unknown = append(p.Unknown, fmt.Sprintf("%sinline %s: document did not parse: %s", from, ip.Name, documentError(ip.DocumentError, err)))
			continue
		}
		p.identity.stmts = a.render(p.identity.stmts, pol, p, "")
	}
}

// render appends to out a policy's statements compiled for p.
// Statements without policy variables are compiled once per policy and
// shared; from prefixes the source of a group's policy.
func (a *Account) render(out []*stmt, pol *Policy, p *Principal, from string) []*stmt {
	for _, s := range pol.Statements {
		key := compiledKey{s, from}
		if c := a.compiled[key]; c != nil {
			out = append(out, c)
			continue
		}
		if from != "" {
			c := *s
			c.Source = from + s.Source
			s = &c
		}
		if s.HasVars {
			out = append(out, a.numbered(compileStmt(s, p.ctx)))
			continue
		}
		c := a.numbered(compileStmt(s, nil))
		a.compiled[key] = c
		out = append(out, c)
	}
	return out
}

// numbered gives c the account's next statement id.
func (a *Account) numbered(c *stmt) *stmt {
	a.stmts++
	c.id = a.stmts
	return c
}

// compiledKey names a statement as rendered from one source prefix.
type compiledKey struct {
	s    *Statement
	from string
}

type parsedDoc struct {
	pol *Policy
	err error
}

// inlineKey names an inline policy: the group it comes from (from, as
// in addPolicies) and its name.
type inlineKey struct{ from, name string }

// parse is ParsePolicy of an inline policy, once per source and document
// text: a group's policies are read once, not once per member. The
// lookup builds no key string (the source is only spelled out on a miss).
func (a *Account) parse(doc []byte, from, name string) (*Policy, error) {
	k := inlineKey{from, name}
	if d, ok := a.parsed[k][string(doc)]; ok {
		return d.pol, d.err
	}
	pol, err := ParsePolicy(doc, from+"inline "+name)
	if a.parsed[k] == nil {
		a.parsed[k] = map[string]parsedDoc{}
	}
	a.parsed[k][string(doc)] = parsedDoc{pol, err}
	return pol, err
}

func (a *Account) setBoundary(p *Principal, arn string) {
	p.boundaryARN = arn
	if arn == "" {
		return
	}
	m := a.policies[arn]
	if m == nil || m.Policy == nil {
		p.Notes = append(p.Notes, fmt.Sprintf("permissions boundary %s is not in the snapshot: not applied", arn))
		return
	}
	p.boundary = &layer{name: "permissions boundary " + arn}
	p.boundary.stmts = a.render(nil, m.Policy, p, "boundary: ")
}

// scpLayers returns the SCP levels governing an account: one layer per
// level (root, each OU down to the account, the account), each needing
// an Allow. The management account is never governed by SCPs.
func scpLayers(account string, org *snapshot.AWSOrganization) ([]*layer, []string) {
	if org == nil || org.ManagementAccount == account || org.Policies == nil {
		return nil, nil
	}
	var member *snapshot.OrgAccount
	for i := range org.Accounts {
		if org.Accounts[i].ID == account {
			member = &org.Accounts[i]
		}
	}
	if member == nil {
		return nil, nil
	}
	if member.Parents == nil {
		return nil, []string{"the account's place in the organization is unknown: SCPs not applied"}
	}
	var notes []string
	levels := append(append([]string{}, member.Parents...), account)
	var out []*layer
	for _, level := range levels {
		l := &layer{name: "SCPs at " + level}
		any := false
		for i := range org.Policies {
			op := &org.Policies[i]
			if op.Type != "SERVICE_CONTROL_POLICY" {
				continue
			}
			if op.Targets == nil {
				notes = append(notes, fmt.Sprintf("targets of SCP %s unknown: not applied", op.Name))
				continue
			}
			if !scpTargets(op.Targets, level) {
				continue
			}
			pol, err := ParsePolicy(op.Document, "SCP "+op.Name)
			if err != nil {
				notes = append(notes, fmt.Sprintf("SCP %s did not parse: not applied", op.Name))
				continue
			}
			any = true
			l.stmts = append(l.stmts, compileAll(pol.Statements, nil)...)
		}
		if any {
			if !hasAllow(l.stmts) {
				// Only Denies at this level: the FullAWSAccess every level
				// starts with was not in the snapshot (or AWS would deny
				// everything here). Reading it as present can only err
				// towards a finding; its Denies still apply.
				l.stmts = append(l.stmts, compileStmt(&Statement{Allow: true, Actions: []string{"*"}, Resources: []string{"*"}, Source: "FullAWSAccess (assumed at " + level + ")"}, nil))
			}
			out = append(out, l)
		}
	}
	sort.Strings(notes)
	return out, notes
}

func scpTargets(ts []snapshot.OrgTarget, id string) bool {
	for _, t := range ts {
		if t.ID == id {
			return true
		}
	}
	return false
}

func compileAll(ss []*Statement, ctx *Context) []*stmt {
	out := make([]*stmt, len(ss))
	for i, s := range ss {
		out[i] = compileStmt(s, ctx)
	}
	return out
}

// regionNames are the account's collected regions, or us-east-1 when none
// were (a plan, offline evidence).
func (a *Account) regionNames() []string {
	var out []string
	for _, r := range a.Regions {
		out = append(out, r.Name)
	}
	if len(out) == 0 {
		out = []string{"us-east-1"}
	}
	return out
}

func hasAllow(ss []*stmt) bool {
	for _, s := range ss {
		if s.Allow {
			return true
		}
	}
	return false
}
