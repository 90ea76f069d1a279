package terraform

import (
	"encoding/json"
	"strconv"
)

// Values are the attribute values of a planned resource, or of one of its
// nested blocks, as `terraform show -json` gives them. Numbers are
// json.Number (the plan is decoded with UseNumber, so large integers stay
// exact). The readers below never fail: a missing or mistyped value gives
// the default the caller states, which is the provider's own default.
type Values map[string]any

// Str is the string at key, "" when absent or not a string.
func (v Values) Str(key string) string {
	s, _ := v[key].(string)
	return s
}

// StrOr is the string at key, def when absent or empty.
func (v Values) StrOr(key, def string) string {
	if s := v.Str(key); s != "" {
		return s
	}
	return def
}

// BoolOr is the bool at key, def when absent.
func (v Values) BoolOr(key string, def bool) bool {
	if b, ok := v[key].(bool); ok {
		return b
	}
	return def
}

// IntOr is the integer at key, def when absent or not a number.
func (v Values) IntOr(key string, def int) int {
	switch n := v[key].(type) {
	case json.Number:
		if i, err := strconv.Atoi(n.String()); err == nil {
			return i
		}
		if f, err := n.Float64(); err == nil {
			return int(f)
		}
	case float64:
		return int(n)
	}
	return def
}

// Strs reads a list or set of strings; null, empty and non-string elements
// are left out. It is never nil.
func (v Values) Strs(key string) []string {
	l, _ := v[key].([]any)
	out := []string{}
	for _, e := range l {
		if s, ok := e.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Blocks reads a nested block list (metadata_options, event_selector, ...).
func (v Values) Blocks(key string) []Values {
	l, _ := v[key].([]any)
	var out []Values
	for _, e := range l {
		if b, ok := e.(map[string]any); ok {
			out = append(out, b)
		}
	}
	return out
}

// StringMap reads a map of strings (tags, labels); nil when empty.
// Non-string values are left out.
func (v Values) StringMap(key string) map[string]string {
	t, _ := v[key].(map[string]any)
	if len(t) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, x := range t {
		if s, ok := x.(string); ok {
			out[k] = s
		}
	}
	return out
}
