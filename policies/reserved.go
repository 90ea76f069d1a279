package policies

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// reservedData are the documents the engine itself provides to policies:
// the library, the configuration, "now" and the analysis facts. A user
// rule at or under any of them would change what every built-in control
// reads (a trusted account added, a threshold raised, the clock stopped).
var reservedData = []string{"data.rampart.lib", "data.rampart.config", "data.rampart.now", "data.rampart.analysis"}

// checkReserved refuses user modules that define rules in a document the
// built-in policies own: the packages the built-in modules declare (a
// control, a library), what the engine provides (reservedData), and any
// path above one of them (a rule `aws[k] := v` in package rampart could
// produce the key of a built-in control). OPA merges rules of one package
// across files, so without this a module of --policy-dir could add
// `approved(_) := true` to a built-in control and turn its FAILs into
// PASS. The path checked is the rule's own (package plus head), which
// also catches a ref head such as `admin_policy_attached.approved(_)` in
// package rampart.aws.
func checkReserved(srcs []source, mods map[string]*ast.Module) error {
	var owned []ast.Ref
	for _, d := range reservedData {
		owned = append(owned, ast.MustParseRef(d))
	}
	for _, s := range srcs {
		if m := mods[s.file]; s.builtin && m != nil {
			owned = append(owned, m.Package.Path)
		}
	}
	var errs []string
	for _, s := range srcs {
		m := mods[s.file]
		if s.builtin || m == nil {
			continue
		}
		for _, r := range m.Rules {
			path := r.Path()
			for _, o := range owned {
				if !path.HasPrefix(o) && !o.HasPrefix(path) {
					continue
				}
				errs = append(errs, fmt.Sprintf("%s:%d:%d: package %s: rule %s is in %s, which rampart's built-in policies own: user policies may only define rules in packages of their own (e.g. package rampart.custom.<name>)",
					s.file, r.Location.Row, r.Location.Col, packageName(m), path, o))
				break
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return &PolicyError{Lines: errs}
	}
	return nil
}

// packageName is the package as written in the module, without "data.".
func packageName(m *ast.Module) string {
	return strings.TrimPrefix(m.Package.Path.String(), "data.")
}
