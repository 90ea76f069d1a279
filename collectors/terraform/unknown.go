package terraform

import (
	"fmt"

	"github.com/rampart-sec/rampart/snapshot"
)

// Codes of the collection errors every provider's mapping produces.
const (
	// CodeUnknownUntilApply: a value the controls read is computed by the
	// provider during apply.
	CodeUnknownUntilApply = "UnknownUntilApply"
	// CodeNotInPlan: scope-wide data the plan does not show (see
	// snapshot.CodeNotInPlan: only a PASS proven by the plan is reported).
	CodeNotInPlan = snapshot.CodeNotInPlan
)

// UnknownAt reports whether after_unknown u marks the value at path (map
// keys and list indexes) as unknown, or the whole of anything above it.
// An attribute with an unknown element is not fully known.
func UnknownAt(u any, path ...any) bool {
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
// true.
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

// UnknownBlock returns the after_unknown of the i-th block of nested block
// list key, to read that block's own values with UnknownAt: true when the
// whole list is unknown.
func UnknownBlock(u any, key string, i int) any {
	if u == true {
		return true
	}
	m, _ := u.(map[string]any)
	l, _ := m[key].([]any)
	if i < len(l) {
		return l[i]
	}
	if m[key] == true {
		return true
	}
	return nil
}

// UnknownError is the resource-scoped collection error for attr of the
// resource at addr. resource is whose results it makes ERROR: addr itself,
// or the principal an inline policy or attachment belongs to.
func UnknownError(provider, service, attr, addr, resource string) snapshot.CollectionError {
	return snapshot.CollectionError{
		Provider: provider, Service: service, Operation: "*", Code: CodeUnknownUntilApply,
		Message:  UnknownText(attr, addr),
		Resource: resource,
	}
}

// UnknownText is what a null value's *_error field says.
func UnknownText(attr, addr string) string {
	return fmt.Sprintf("%s of %s is unknown until apply", attr, addr)
}
