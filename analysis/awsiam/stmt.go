package awsiam

import "strings"

// stmt is a Statement rendered for one principal: policy variables in its
// resources and condition values replaced by the principal's values. A
// statement without variables is rendered once and shared.
type stmt struct {
	*Statement
	// id numbers the statements an account renders, so that layers with
	// the same statements can be recognised (Account.share); 0 elsewhere.
	id          uint32
	res, notRes []pattern
	condVals    [][]string
	condOK      []bool
}

// pattern is a rendered Resource or NotResource entry.
type pattern struct {
	s  string
	st renderState
}

func compileStmt(s *Statement, ctx *Context) *stmt {
	c := &stmt{Statement: s}
	c.res = renderAll(s.Resources, ctx)
	c.notRes = renderAll(s.NotResources, ctx)
	c.condVals = make([][]string, len(s.Conditions))
	c.condOK = make([]bool, len(s.Conditions))
	for i, cond := range s.Conditions {
		ok := true
		vals := cond.Values
		if s.HasVars {
			vals = make([]string, 0, len(cond.Values))
			for _, v := range cond.Values {
				r, st := render(v, ctx)
				switch st {
				case unknownVar:
					ok = false
				case absentVar:
					continue // a value that renders to nothing matches nothing
				}
				vals = append(vals, r)
			}
		}
		c.condVals[i], c.condOK[i] = vals, ok
	}
	return c
}

func renderAll(in []string, ctx *Context) []pattern {
	out := make([]pattern, len(in))
	for i, s := range in {
		r, st := render(s, ctx)
		out[i] = pattern{r, st}
	}
	return out
}

// matchAction: IAM action names are case-insensitive; a is lower-case.
func (s *stmt) matchAction(a string) bool {
	if len(s.Actions) > 0 || len(s.NotActions) == 0 {
		for _, p := range s.Actions {
			if Match(p, a) {
				return true
			}
		}
		return false
	}
	for _, p := range s.NotActions {
		if Match(p, a) {
			return false
		}
	}
	return true
}

// matchResource: Unknown when only an entry with an unresolved variable
// could decide.
func (s *stmt) matchResource(r string) Tri {
	if len(s.res) == 0 && len(s.notRes) == 0 {
		return True // trust policies and SCPs without Resource
	}
	if len(s.res) > 0 {
		out := False
		for _, p := range s.res {
			switch {
			case p.st == unknownVar:
				out = Unknown
			case p.st == rendered && Match(p.s, r):
				return True
			}
		}
		return out
	}
	out := True
	for _, p := range s.notRes {
		switch {
		case p.st == unknownVar:
			out = Unknown
		case p.st == rendered && Match(p.s, r):
			return False
		}
	}
	return out
}

// resourceClass says how the statement's resources relate to every ARN
// under prefix: all of them (True), none (False) or some (Unknown).
func (s *stmt) resourceClass(prefix string) Tri {
	if len(s.res) == 0 && len(s.notRes) == 0 {
		return True
	}
	if len(s.res) > 0 {
		out := False
		for _, p := range s.res {
			switch p.st {
			case absentVar:
			case unknownVar:
				out = Unknown
			default:
				covers, may := prefixMatch(p.s, prefix)
				if covers {
					return True
				}
				if may {
					out = Unknown
				}
			}
		}
		return out
	}
	out := True
	for _, p := range s.notRes {
		switch p.st {
		case absentVar:
		case unknownVar:
			out = Unknown
		default:
			covers, may := prefixMatch(p.s, prefix)
			if covers {
				return False
			}
			if may {
				out = Unknown
			}
		}
	}
	return out
}

// conditions evaluates the statement's conditions (ANDed) and names the
// undecided keys.
func (s *stmt) conditions(ctx *Context) (Tri, []string) {
	out := True
	var undecided []string
	for i, c := range s.Conditions {
		switch c.Eval(ctx, s.condVals[i], s.condOK[i]) {
		case False:
			return False, nil
		case Unknown:
			out = Unknown
			undecided = append(undecided, c.Key)
		}
	}
	return out, undecided
}

// resourceKeyed: a condition reads a property of the resource, so a
// grant over a class of resources may differ between its members.
func (s *stmt) resourceKeyed() bool {
	for _, c := range s.Conditions {
		if strings.HasPrefix(c.Key, "aws:resourcetag/") || strings.HasPrefix(c.Key, "iam:resourcetag/") ||
			c.Key == "aws:resourceaccount" || c.Key == "aws:resourceorgid" || c.Key == "aws:resourceorgpaths" ||
			c.Key == "iam:associatedresourcearn" {
			return true
		}
	}
	return false
}
