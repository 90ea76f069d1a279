package awsiam

// A statement is a full-admin statement when it is an Allow on Resource
// "*" and either its Action is "*" (or "*:*"), or it uses NotAction and
// none of the excluded patterns touches IAM (NotAction ["s3:*"]): whoever
// may do every IAM action can grant itself the rest. NotAction
// ["iam:*", "organizations:*", ...] (AWS's PowerUserAccess) is not admin;
// what it still allows is for the escalation graph to judge.

func adminStatement(s *Statement) bool {
	if !s.Allow || !contains(s.Resources, "*") {
		return false
	}
	if len(s.Actions) > 0 {
		return contains(s.Actions, "*") || contains(s.Actions, "*:*")
	}
	if len(s.NotActions) == 0 {
		return false
	}
	for _, p := range s.NotActions {
		service, _, _ := cut(p, ':')
		if Match(service, "iam") {
			return false
		}
	}
	return true
}

func hasAdminStatement(ss []*Statement) bool {
	for _, s := range ss {
		if adminStatement(s) {
			return true
		}
	}
	return false
}

// denyAll is an unconditional Deny of every action on every resource (the
// deny-all policy responders put on a compromised principal).
func denyAll(s *Statement) bool {
	if s.Allow || len(s.Conditions) > 0 || !contains(s.Resources, "*") {
		return false
	}
	if len(s.Actions) > 0 {
		return contains(s.Actions, "*") || contains(s.Actions, "*:*")
	}
	return false
}

func contains(list []string, x string) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// decideAdmin sets admin, adminGrants and identityAdmin. A layer other
// than the identity one (boundary, SCP level) lets admin through when it
// holds an admin statement of its own; a deny-all in any layer cancels it.
func (p *Principal) decideAdmin() {
	seen := map[string]bool{}
	for _, s := range p.identity.stmts {
		if adminStatement(s.Statement) && !seen[s.Source] {
			seen[s.Source] = true
			p.adminGrants = append(p.adminGrants, s.Source)
		}
	}
	p.adminGrants = uniqueSorted(p.adminGrants)
	if len(p.adminGrants) == 0 {
		return
	}
	for _, s := range p.identity.stmts {
		if denyAll(s.Statement) {
			return
		}
	}
	p.identityAdmin = true
	for _, l := range p.layers()[1:] {
		for _, s := range l.stmts {
			if denyAll(s.Statement) {
				return
			}
		}
	}
	for _, l := range p.layers()[1:] {
		ok := false
		for _, s := range l.stmts {
			if adminStatement(s.Statement) {
				ok = true
			}
		}
		if !ok {
			return
		}
	}
	p.admin = true
}
