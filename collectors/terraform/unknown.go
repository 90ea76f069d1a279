package terraform

import (
	"fmt"

	"github.com/rampart-sec/rampart/snapshot"
)

// Codes of the collection errors a plan produces.
const (
	// CodeUnknownUntilApply: a value the controls read is computed by the
	// provider during apply.
	CodeUnknownUntilApply = "UnknownUntilApply"
	// CodeOwnAccountUnknown: neither the config nor the plan names the
	// account the resources live in.
	CodeOwnAccountUnknown = "OwnAccountUnknown"
	// CodeNotInPlan: account-wide data the plan does not show (see
	// snapshot.CodeNotInPlan: only a PASS proven by the plan is reported).
	CodeNotInPlan = snapshot.CodeNotInPlan
)

// unknownAt reports whether after_unknown marks the value at path (map
// keys and list indexes) as unknown, or the whole of anything above it.
func unknownAt(u any, path ...any) bool {
	for _, step := range path {
		if u == true {
			return true
		}
		switch s := step.(type) {
		case string:
			m, ok := u.(map[string]any)
			if !ok {
				return false
			}
			u = m[s]
		case int:
			l, ok := u.([]any)
			if !ok || s >= len(l) {
				return false
			}
			u = l[s]
		}
	}
	return containsTrue(u)
}

// containsTrue reports whether any leaf of an after_unknown structure is
// true: an attribute with an unknown element is not fully known.
func containsTrue(u any) bool {
	switch v := u.(type) {
	case bool:
		return v
	case map[string]any:
		for _, e := range v {
			if containsTrue(e) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if containsTrue(e) {
				return true
			}
		}
	}
	return false
}

// unknownError is the resource-scoped collection error for attr of the
// resource at addr. resource is whose results it makes ERROR: addr itself,
// or the principal an inline policy or attachment belongs to.
func unknownError(service, attr, addr, resource string) snapshot.CollectionError {
	return snapshot.CollectionError{
		Provider: "aws", Service: service, Operation: "*", Code: CodeUnknownUntilApply,
		Message:  fmt.Sprintf("%s of %s is unknown until apply", attr, addr),
		Resource: resource,
	}
}

// unknownText is what a null document's *_error field says.
func unknownText(attr, addr string) string {
	return fmt.Sprintf("%s of %s is unknown until apply", attr, addr)
}
