package policies

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// checkSchemaAnnotations refuses METADATA `schemas:` definitions that
// point outside themselves. OPA compiles such a schema with a loader that
// opens file:// references (and relative ones, against the working
// directory): a policy could learn whether any file exists and its first
// byte from the compile error, hang on file:///dev/stdin or exhaust
// memory on file:///dev/zero before a single control runs. Only
// references within the definition ("#/definitions/x") are allowed; an
// identifier ($id, id) could rebase them onto a file, so it must be a
// fragment too, and $schema may only name a published JSON Schema draft.
func checkSchemaAnnotations(mods map[string]*ast.Module) error {
	var errs []string
	for file, m := range mods {
		for _, a := range m.Annotations {
			for _, s := range a.Schemas {
				if s.Definition == nil {
					continue
				}
				if why := externalReference(*s.Definition); why != "" {
					errs = append(errs, fmt.Sprintf("%s:%d:%d: METADATA schemas: %s: %s; a policy may not read files, so only inline definitions and references within them (\"#/...\") are allowed",
						file, a.Location.Row, a.Location.Col, s.Path, why))
				}
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return &PolicyError{Lines: errs}
	}
	return nil
}

// externalReference describes the first reference in a schema
// definition that leaves it, or returns "".
func externalReference(x any) string {
	switch v := x.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s, isString := v[k].(string)
			switch {
			case (k == "$ref" || k == "$id" || k == "id") && isString && !strings.HasPrefix(s, "#"):
				return fmt.Sprintf("%s %q refers outside the definition", k, s)
			case k == "$ref" && !isString:
				return "$ref must be a string"
			case k == "$schema" && isString && !strings.HasPrefix(s, "http://json-schema.org/") && !strings.HasPrefix(s, "https://json-schema.org/"):
				return fmt.Sprintf("$schema %q is not a published JSON Schema draft", s)
			}
			if why := externalReference(v[k]); why != "" {
				return why
			}
		}
	case []any:
		for _, e := range v {
			if why := externalReference(e); why != "" {
				return why
			}
		}
	}
	return ""
}

// evalTime is the time the builtins that read a clock see
// (io.jwt.decode_verify's expiry check): the evaluation's "now", the
// --now override or else the snapshot's collected_at, so a policy
// decides the same on any day. OPA takes a zero time to mean the wall
// clock, so an undated snapshot gets the Unix epoch instead.
func (e *Engine) evalTime(in *Input) time.Time {
	switch {
	case !e.now.IsZero():
		return e.now
	case !in.Snapshot.CollectedAt.IsZero():
		return in.Snapshot.CollectedAt
	}
	return time.Unix(0, 0).UTC()
}
