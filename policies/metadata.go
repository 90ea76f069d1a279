package policies

import (
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-sec/rampart/results"
)

// Control is one policy: the metadata its `# METADATA` block declares
// (shared with the summary and the reports), plus what only the engine
// needs: the data it rests on, whether plans can decide it, and where it
// was loaded from. Provider is custom.provider, or the ID's prefix when
// that names a provider.
type Control struct {
	results.Control
	// Requires names the collected data the control rests on, as
	// "service" or "service:Operation"; "a|b" names alternative sources of
	// the same data. A collection error on a requirement (on every
	// alternative of it) turns the control's results in that account and
	// region into ERROR.
	Requires []string
	// IaC says whether the control can be decided from a Terraform plan:
	// "Y", "P" (partly) or "N" (never: not evaluated on plans).
	IaC string
	// Package is the Rego package path, e.g. "rampart.aws.root_mfa".
	Package string
	// File is the file the policy was read from ("builtin/..." for
	// embedded policies).
	File string
	// Builtin is true for the policies embedded in the binary.
	Builtin bool
}

// providers are the values custom.provider may take.
var providers = []string{"aws", "azure", "gcp"}

// controlFromModule reads the package-scoped METADATA block of mod. It
// returns nil, nil for a module without one (a library).
func controlFromModule(file string, mod *ast.Module) (*Control, error) {
	var ann *ast.Annotations
	for _, a := range mod.Annotations {
		if a.Scope == "package" {
			ann = a
		}
	}
	if ann == nil || ann.Custom == nil || ann.Custom["id"] == nil {
		return nil, nil
	}
	loc := fmt.Sprintf("%s:%d", file, ann.Location.Row)
	c := &Control{
		Control: results.Control{Title: ann.Title, Description: ann.Description},
		Package: strings.TrimPrefix(mod.Package.Path.String(), "data."),
		File:    file,
		IaC:     "Y",
	}
	var err error
	get := func(key string) any { return ann.Custom[key] }
	if c.ID, err = str(get("id")); err != nil || c.ID == "" {
		return nil, fmt.Errorf("%s: METADATA custom.id: expected a non-empty string", loc)
	}
	if c.Provider, err = str(get("provider")); err != nil || c.Provider == "" {
		c.Provider, _, _ = strings.Cut(c.ID, "-")
	}
	if !slices.Contains(providers, c.Provider) {
		return nil, fmt.Errorf("%s: METADATA custom.provider: expected one of %s for control %s", loc, strings.Join(providers, ", "), c.ID)
	}
	sev, err := str(get("severity"))
	if err != nil {
		return nil, fmt.Errorf("%s: METADATA custom.severity: expected one of critical, high, medium, low, info", loc)
	}
	if c.Severity, err = results.ParseSeverity(sev); err != nil {
		return nil, fmt.Errorf("%s: METADATA custom.severity: %w", loc, err)
	}
	if c.Title == "" {
		return nil, fmt.Errorf("%s: METADATA title: expected the control's title", loc)
	}
	if c.Remediation, err = str(get("remediation")); err != nil {
		return nil, fmt.Errorf("%s: METADATA custom.remediation: %w", loc, err)
	}
	if c.Escalation, err = str(get("escalation")); err != nil {
		return nil, fmt.Errorf("%s: METADATA custom.escalation: %w", loc, err)
	}
	if c.MITRE, err = strs(get("mitre")); err != nil {
		return nil, fmt.Errorf("%s: METADATA custom.mitre: %w", loc, err)
	}
	if c.Requires, err = strs(get("requires")); err != nil {
		return nil, fmt.Errorf("%s: METADATA custom.requires: %w", loc, err)
	}
	if v := get("iac"); v != nil {
		iac, err := str(v)
		if err != nil || !slices.Contains([]string{"Y", "P", "N"}, iac) {
			return nil, fmt.Errorf("%s: METADATA custom.iac: expected Y, P or N", loc)
		}
		c.IaC = iac
	}
	c.Frameworks = map[string][]string{}
	if v := get("frameworks"); v != nil {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: METADATA custom.frameworks: expected a map of framework to sections", loc)
		}
		for k, secs := range m {
			if c.Frameworks[k], err = strs(secs); err != nil {
				return nil, fmt.Errorf("%s: METADATA custom.frameworks.%s: %w", loc, k, err)
			}
		}
	}
	return c, nil
}

// str reads an optional string; nil is "".
func str(v any) (string, error) {
	switch s := v.(type) {
	case nil:
		return "", nil
	case string:
		return s, nil
	}
	return "", fmt.Errorf("expected a string, found %T", v)
}

// strs reads an optional list of strings; a single string is a list of one.
func strs(v any) ([]string, error) {
	switch l := v.(type) {
	case nil:
		return nil, nil
	case string:
		return []string{l}, nil
	case []any:
		out := make([]string, 0, len(l))
		for _, e := range l {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("expected a list of strings, found %T in it", e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a list of strings, found %T", v)
}
