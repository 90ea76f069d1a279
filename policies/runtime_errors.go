package policies

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// builtinErrorResults turns a control's results into ERROR when a builtin
// failed during its evaluation (glob.match on a pattern holding "[" or
// "{", a malformed time). OPA makes the failing expression undefined and
// carries on, so the resource being judged may have been dropped, or —
// under `not` — decided the wrong way; which resource that was, OPA does
// not say. So no result of the control stands as PASS or FAIL: each
// becomes ERROR (what it said kept in the evidence), and every scope of
// the control's provider left without a result gets an ERROR result,
// all naming the builtin, its message and where in the policy it failed.
func builtinErrorResults(c *Control, rs []results.Result, errs []topdown.Error, s *snapshot.Snapshot) []results.Result {
	var what []string
	seen := map[string]bool{}
	for _, e := range errs {
		d := e.Message
		if e.Location != nil {
			d += fmt.Sprintf(" (%s:%d)", e.Location.File, e.Location.Row)
		}
		if !seen[d] {
			seen[d] = true
			what = append(what, d)
		}
	}
	sort.Strings(what)
	shown := what
	if len(shown) > 3 {
		shown = append(shown[:3:3], fmt.Sprintf("and %d more", len(what)-3))
	}
	msg := "not decided: a builtin failed while the control judged this scope, so its results may be incomplete: " + strings.Join(shown, "; ")
	evidence := map[string]any{"builtin_errors": what}
	out := make([]results.Result, 0, len(rs))
	judged := map[string]bool{}
	for _, r := range rs {
		undecided(&r, msg, evidence)
		judged[r.Account] = true
		out = append(out, r)
	}
	for _, r := range scopeErrors(c, s, msg, evidence) {
		if !judged[r.Account] {
			out = append(out, r)
		}
	}
	return out
}

// scopeErrors is one ERROR result of c for each scope of its provider in
// s (one for the provider when s has none): what a control that could
// not be evaluated says instead of nothing.
func scopeErrors(c *Control, s *snapshot.Snapshot, msg string, evidence map[string]any) []results.Result {
	var out []results.Result
	add := func(account, resource string) {
		r := results.Result{
			Control: c.ID, Title: c.Title, Severity: c.Severity, Provider: c.Provider,
			Account: account, Resource: resource, ResourceType: "scope",
			Remediation: c.Remediation, Frameworks: c.Frameworks, MITRE: c.MITRE, Escalation: c.Escalation,
		}
		undecided(&r, msg, evidence)
		r.ID = results.ResultID(r.Control, r.Account, r.Region, r.Resource)
		out = append(out, r)
	}
	seen := map[string]bool{}
	for _, sc := range s.Scopes {
		if sc.Provider != c.Provider || seen[sc.Account] {
			continue
		}
		seen[sc.Account] = true
		resource := sc.Resource
		if resource == "" {
			resource = sc.Account
		}
		add(sc.Account, resource)
	}
	if len(out) == 0 {
		add("", c.Provider)
	}
	return out
}

// undecided makes r an ERROR with msg, keeping what it said before in its
// evidence (as markError does for collection errors).
func undecided(r *results.Result, msg string, evidence map[string]any) {
	ev := make(map[string]any, len(r.Evidence)+len(evidence)+2)
	for k, v := range r.Evidence {
		ev[k] = v
	}
	if r.Status != "" {
		ev["undecided_status"] = string(r.Status)
		ev["undecided_message"] = r.Message
	}
	for k, v := range evidence {
		ev[k] = v
	}
	r.Status, r.Message, r.Evidence = results.Error, msg, ev
}
