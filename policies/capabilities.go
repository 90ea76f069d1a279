package policies

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// forbidden reports whether a built-in function is withheld from policies.
// Policies see only the snapshot: no network (a policy could exfiltrate the
// inventory), no runtime (it carries the process environment, i.e.
// credentials), and no wall clock or randomness (results must be the same
// on any machine and any day; "now" comes from the snapshot).
func forbidden(name string) bool {
	switch {
	case name == "http.send", strings.HasPrefix(name, "net."),
		name == "opa.runtime",
		name == "time.now_ns",
		strings.HasPrefix(name, "rand."), strings.HasPrefix(name, "uuid."):
		return true
	}
	return false
}

// Capabilities are the OPA capabilities every policy, built-in or user's,
// is compiled with.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !forbidden(b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}
