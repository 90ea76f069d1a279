package policies

import (
	"fmt"
	"strings"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// applyCollectionErrors is the engine's guarantee against false PASS: a
// result whose control rests on data that failed to be collected in its
// account and region becomes ERROR, and where such a failure left a control
// with nothing to say about an account or region at all, an ERROR result
// for that scope is added, so the gap is visible instead of silent. Data a
// Terraform plan does not show (snapshot.CodeNotInPlan) is the exception:
// a PASS the plan's own resources prove stands, and the rest is not
// evaluated. A principal the plan shows only in part
// (snapshot.CodeOutsidePlan) keeps only what the plan proves: see
// applyOutsidePlan.
func applyCollectionErrors(c *Control, rs []results.Result, s *snapshot.Snapshot) []results.Result {
	if len(s.Errors) == 0 {
		return rs
	}
	return applyOutsidePlan(c, applyBlockingErrors(c, rs, s), s)
}

// applyBlockingErrors turns into ERROR the results whose data failed to be
// collected and adds the scope ERRORs (applyCollectionErrors).
func applyBlockingErrors(c *Control, rs []results.Result, s *snapshot.Snapshot) []results.Result {
	if len(c.Requires) == 0 {
		return rs
	}
	// grantees (snapshot.CodeUnknownGrantee) undecide only a PASS: a
	// grant to a principal a plan cannot name adds to whoever gets it.
	var relevant, blocking, grantees []snapshot.CollectionError
	for _, e := range s.Errors {
		if e.Provider == c.Provider && e.Code != snapshot.CodeOutsidePlan && c.rests(e) {
			relevant = append(relevant, e)
			if e.Code == snapshot.CodeUnknownGrantee {
				grantees = append(grantees, e)
			} else {
				blocking = append(blocking, e)
			}
		}
	}
	if len(relevant) == 0 {
		return rs
	}
	kept := rs[:0]
	for _, r := range rs {
		if e, ok := c.blockedExcept(blocking, r.Account, r.Region, r.Resource, independentOf(r)); ok {
			if e.Code == snapshot.CodeNotInPlan {
				if r.Status != results.Pass {
					continue // not evaluated: absence from a plan proves nothing
				}
			} else {
				markError(&r, e)
			}
		} else if r.Status == results.Pass {
			if e, ok := c.blockedExcept(grantees, r.Account, r.Region, r.Resource, independentOf(r)); ok {
				markError(&r, e)
			}
		}
		kept = append(kept, r)
	}
	rs = kept
	type place struct{ account, region string }
	seen := map[place]bool{}
	for _, e := range relevant {
		if e.Resource != "" {
			// A resource-scoped error concerns a resource the control
			// has evaluated, or one it does not judge at all.
			continue
		}
		p := place{e.Account, e.Region}
		if seen[p] {
			continue
		}
		seen[p] = true
		if hasResultIn(rs, e) {
			continue
		}
		blocking, ok := c.blocked(relevant, e.Account, e.Region, "")
		if !ok {
			continue // another source of the same data was collected
		}
		r := results.Result{
			Control: c.ID, Title: c.Title, Severity: c.Severity, Provider: c.Provider,
			Account: e.Account, Region: e.Region,
			Resource: scopeResource(s, e), ResourceType: "scope",
			Remediation: c.Remediation, Frameworks: c.Frameworks, MITRE: c.MITRE, Escalation: c.Escalation,
		}
		markError(&r, blocking)
		r.ID = results.ResultID(r.Control, r.Account, r.Region, r.Resource)
		rs = append(rs, r)
	}
	return rs
}

// applyOutsidePlan keeps, of the results about a principal a Terraform
// plan shows only in part (snapshot.CodeOutsidePlan), those the plan
// proves: a FAIL its grants cause (an admin policy attached to an
// existing user fails whatever else the user has), with the error's
// message as evidence "outside_plan", and an ERROR a collection error
// caused (a granted policy unknown until apply). The resources that grant
// to it are evidence "granted_by", so a report can point at them. A PASS,
// or an ERROR the control gave because the rest of the principal is
// unknown, is not evaluated: dropped, like the absences of CodeNotInPlan.
// It holds for every control, whatever it requires: no result about such
// a principal may read its unknown part as a PASS.
func applyOutsidePlan(c *Control, rs []results.Result, s *snapshot.Snapshot) []results.Result {
	var outside map[string]snapshot.CollectionError
	for _, e := range s.Errors {
		if e.Code == snapshot.CodeOutsidePlan && e.Provider == c.Provider && e.Resource != "" {
			if outside == nil {
				outside = map[string]snapshot.CollectionError{}
			}
			outside[e.Account+"\x00"+e.Resource] = e
		}
	}
	if outside == nil {
		return rs
	}
	kept := rs[:0]
	for _, r := range rs {
		e, ok := outside[r.Account+"\x00"+r.Resource]
		if !ok {
			kept = append(kept, r)
			continue
		}
		if r.Status != results.Fail && (r.Status != results.Error || r.Evidence["collection_error"] == nil) {
			continue
		}
		ev := make(map[string]any, len(r.Evidence)+2)
		for k, v := range r.Evidence {
			ev[k] = v
		}
		if r.Status == results.Fail {
			ev["outside_plan"] = e.Message
		}
		if len(e.Sources) > 0 {
			granted := make([]any, len(e.Sources))
			for i, src := range e.Sources {
				granted[i] = src
			}
			ev["granted_by"] = granted
		}
		r.Evidence = ev
		kept = append(kept, r)
	}
	return kept
}

// blocked reports whether some requirement of the control is entirely
// unavailable for a result at (account, region, resource), and returns an
// error that made it so. A requirement "a|b" names alternative sources of
// the same data: it is unavailable only when every alternative failed.
func (c *Control) blocked(errs []snapshot.CollectionError, account, region, resource string) (snapshot.CollectionError, bool) {
	return c.blockedExcept(errs, account, region, resource, nil)
}

// independentOf reads a result's evidence "independent_of": the
// requirements the control says this result was decided without (a role
// trusted only by a service needs no organization data to be judged).
func independentOf(r results.Result) map[string]bool {
	list, _ := r.Evidence["independent_of"].([]any)
	if len(list) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, x := range list {
		if s, ok := x.(string); ok {
			out[s] = true
		}
	}
	return out
}

// blockedExcept is blocked, ignoring the requirements in skip.
func (c *Control) blockedExcept(errs []snapshot.CollectionError, account, region, resource string, skip map[string]bool) (snapshot.CollectionError, bool) {
	for _, req := range c.Requires {
		if skip[req] {
			continue
		}
		var first *snapshot.CollectionError
		for _, alt := range strings.Split(req, "|") {
			e, ok := failedFor(errs, alt, account, region, resource)
			if !ok {
				first = nil
				break
			}
			if first == nil {
				first = &e
			}
		}
		if first != nil {
			return *first, true
		}
	}
	return snapshot.CollectionError{}, false
}

// failedFor finds an error of the source req ("service" or
// "service:Operation") covering a result at (account, region, resource).
func failedFor(errs []snapshot.CollectionError, req, account, region, resource string) (snapshot.CollectionError, bool) {
	for _, e := range errs {
		if matchesSource(req, e) && covers(e, account, region, resource) {
			return e, true
		}
	}
	return snapshot.CollectionError{}, false
}

// rests reports whether the control depends on the failed call at all.
func (c *Control) rests(e snapshot.CollectionError) bool {
	for _, req := range c.Requires {
		for _, alt := range strings.Split(req, "|") {
			if matchesSource(alt, e) {
				return true
			}
		}
	}
	return false
}

func matchesSource(req string, e snapshot.CollectionError) bool {
	service, op, hasOp := strings.Cut(req, ":")
	return service == e.Service && (!hasOp || e.Operation == "*" || op == e.Operation)
}

// covers reports whether an error makes the data of a result unknown. An
// error without account covers every account; an error without region
// covers every region; a result without region (account-wide) is covered
// by an error in any of the account's regions; an error with a resource
// covers only that resource (in its region, when it names one).
func covers(e snapshot.CollectionError, account, region, resource string) bool {
	if e.Resource != "" && e.Resource != resource {
		return false
	}
	if e.Account != "" && e.Account != account {
		return false
	}
	return e.Region == "" || region == "" || e.Region == region
}

// hasResultIn reports whether rs already says something about the place e
// concerns.
func hasResultIn(rs []results.Result, e snapshot.CollectionError) bool {
	for _, r := range rs {
		if e.Account != "" && r.Account != e.Account {
			continue
		}
		if e.Region == "" || r.Region == "" || r.Region == e.Region {
			return true
		}
	}
	return false
}

func scopeResource(s *snapshot.Snapshot, e snapshot.CollectionError) string {
	for _, sc := range s.Scopes {
		if sc.Provider == e.Provider && sc.Account == e.Account && sc.Resource != "" {
			return sc.Resource
		}
	}
	if e.Account != "" {
		return e.Account
	}
	return e.Provider
}

func markError(r *results.Result, e snapshot.CollectionError) {
	prior := r.Status
	r.Status = results.Error
	if r.Evidence == nil {
		r.Evidence = map[string]any{}
	} else {
		ev := make(map[string]any, len(r.Evidence)+2)
		for k, v := range r.Evidence {
			ev[k] = v
		}
		r.Evidence = ev
	}
	if prior != "" {
		// Kept so a reader sees what partial data suggested, without it
		// counting as a decision.
		r.Evidence["undecided_status"] = string(prior)
		r.Evidence["undecided_message"] = r.Message
	}
	r.Evidence["collection_error"] = map[string]any{
		"service": e.Service, "operation": e.Operation, "code": e.Code,
		"message": e.Message, "account": e.Account, "region": e.Region, "resource": e.Resource,
	}
	if e.Resource != "" || e.Code == snapshot.CodeUnknownGrantee {
		// The message says what is unknown and where.
		r.Message = "not decided: " + e.Message
		return
	}
	r.Message = "not decided: " + failure(e)
}

// failure says what failed where, leaving out what the error does not
// name: an export has no account, a global call no region.
func failure(e snapshot.CollectionError) string {
	var b strings.Builder
	b.WriteString(e.Service)
	if e.Operation != "" {
		b.WriteString(" " + e.Operation)
	}
	b.WriteString(" failed")
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if where := strings.TrimSpace(e.Account + " " + e.Region); where != "" {
		b.WriteString(" in " + where)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	return b.String()
}
