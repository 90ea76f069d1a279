package policies

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// forbidden reports whether a built-in function is withheld from policies.
// Policies see only the snapshot: no network (a policy could exfiltrate the
// inventory), no runtime (it carries the process environment, i.e.
// credentials), and no wall clock or randomness (results must be the same
// on any machine and any day; "now" comes from the snapshot), and no
// filesystem: json.verify_schema and json.match_schema load the file://
// references of the schema they are given (a file-existence oracle, the
// first byte of any file, a hang on /dev/stdin), and OPA offers no way to
// give them a loader that refuses. The x509 chain verifications check
// validity against the wall clock and cannot be given the evaluation's
// "now"; io.jwt.decode_verify can, and is (see evalTime).
func forbidden(name string) bool {
	switch {
	case name == "http.send", strings.HasPrefix(name, "net."),
		name == "opa.runtime",
		name == "time.now_ns",
		strings.HasPrefix(name, "rand."), strings.HasPrefix(name, "uuid."),
		name == "json.verify_schema", name == "json.match_schema",
		name == "crypto.x509.parse_and_verify_certificates",
		name == "crypto.x509.parse_and_verify_certificates_with_options":
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
