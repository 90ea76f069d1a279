package awsiam

import (
	"regexp"
	"strings"
)

// trust is a role's parsed trust policy. The Allow statements that grant
// sts:AssumeRole are indexed by who they name, so that finding the roles a
// principal may assume does not test every role.
type trust struct {
	policy *Policy
	stmts  []*stmt
	// services named by Allow statements that grant sts:AssumeRole.
	services map[string]bool
	// accounts named as a whole (root or bare ID); arns named directly;
	// anyone is true for "*" or a NotPrincipal.
	accounts map[string]bool
	arns     map[string]bool
	anyone   bool
	err      string
}

var bareAccount = regexp.MustCompile(`^[0-9]{12}$`)

// rootARN matches arn:PARTITION:iam::ACCOUNT:root.
var rootARN = regexp.MustCompile(`^arn:[a-z-]+:iam::([0-9]{12}):root$`)

func parseTrust(doc []byte, source string) *trust {
	t := &trust{services: map[string]bool{}, accounts: map[string]bool{}, arns: map[string]bool{}}
	pol, err := ParsePolicy(doc, source)
	if err != nil {
		// A trust policy that cannot be read (not collected, not JSON,
		// or unknown until a plan is applied) may let anyone in: callers
		// with sts:AssumeRole on the role get an edge whose trust
		// decision is Unknown and says so (allows), never none.
		t.err = err.Error()
		t.anyone = true
		return t
	}
	t.policy = pol
	t.stmts = compileAll(pol.Statements, nil)
	for _, s := range t.stmts {
		if !s.Allow || !s.matchAction("sts:assumerole") {
			continue
		}
		if len(s.NotPrincipals) > 0 {
			t.anyone = true
		}
		for typ, vals := range s.Principals {
			for _, v := range vals {
				switch {
				case typ == "Service":
					t.services[strings.ToLower(v)] = true
				case typ != "AWS":
				case v == "*":
					t.anyone = true
				case bareAccount.MatchString(v):
					t.accounts[v] = true
				case rootARN.MatchString(v):
					t.accounts[rootARN.FindStringSubmatch(v)[1]] = true
				default:
					t.arns[v] = true
				}
			}
		}
	}
	return t
}

// naming reports how the trust policy's Allow statements name p:
// directly (its ARN), through its account or "*", or not at all. Only a
// trust policy naming the caller's own ARN lets a caller of the same
// account in without an identity grant of sts:AssumeRole: role trust
// policies are the documented exception to the same-account rule for
// resource policies ("they must explicitly allow access for
// principals"), and "*" is read as naming the caller's account, not the
// caller.
type naming int8

const (
	notNamed naming = iota
	byAccount
	directly
)

func (t *trust) naming(p *Principal) naming {
	switch {
	case t.arns[p.resARN]:
		return directly
	case t.accounts[p.Account.ID] || t.anyone:
		return byAccount
	}
	return notNamed
}

// allows evaluates the trust policy for p calling sts:AssumeRole: True,
// False, or Unknown when a condition cannot be decided (an external ID,
// MFA), with the undecided conditions named.
func (t *trust) allows(p *Principal, role string) (Tri, []string) {
	if t.policy == nil {
		return Unknown, []string{"trust policy of " + role + " could not be read (not collected, not JSON, or unknown until apply): assumed to let the caller in"}
	}
	allow, deny := False, False
	var why []string
	for _, s := range t.stmts {
		if !s.matchAction("sts:assumerole") || !s.namesPrincipal(p) {
			continue
		}
		c, keys := s.conditions(p.ctx)
		if c == Unknown {
			why = append(why, "trust policy of "+role+": condition on "+strings.Join(keys, ", ")+" not decidable from the snapshot")
		}
		if s.Allow {
			allow = or(allow, c)
		} else {
			deny = or(deny, c)
		}
	}
	if deny == True {
		return False, nil
	}
	return allow, why
}

// namesPrincipal: the statement's Principal (or NotPrincipal) takes in p.
func (s *stmt) namesPrincipal(p *Principal) bool {
	if len(s.NotPrincipals) > 0 {
		for _, v := range s.NotPrincipals["AWS"] {
			if v == p.resARN || v == p.Account.ID || v == "arn:"+p.Account.Partition+":iam::"+p.Account.ID+":root" {
				return false
			}
		}
		return true
	}
	for _, v := range s.Principals["AWS"] {
		if v == "*" || v == p.resARN || v == p.Account.ID || v == "arn:"+p.Account.Partition+":iam::"+p.Account.ID+":root" {
			return true
		}
	}
	return false
}

// trustsService: the trust policy lets the service assume the role
// (Allow of sts:AssumeRole to Principal {"Service": svc}).
func (t *trust) trustsService(svc string) bool {
	return t.services[svc]
}
