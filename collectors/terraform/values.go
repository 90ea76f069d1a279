package terraform

import (
	"encoding/json"
	"strconv"
)

// Helpers to read attribute values of a planned resource. Numbers are
// json.Number (the plan is decoded with UseNumber, so large integers stay
// exact).

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func boolOr(m map[string]any, key string, def bool) bool {
	if b, ok := m[key].(bool); ok {
		return b
	}
	return def
}

func intOr(m map[string]any, key string, def int) int {
	switch n := m[key].(type) {
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

// strs reads a list or set of strings; null and non-string elements are
// left out.
func strs(m map[string]any, key string) []string {
	l, _ := m[key].([]any)
	out := []string{}
	for _, e := range l {
		if s, ok := e.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// blocks reads a nested block list (metadata_options, event_selector, ...).
func blocks(m map[string]any, key string) []map[string]any {
	l, _ := m[key].([]any)
	var out []map[string]any
	for _, e := range l {
		if b, ok := e.(map[string]any); ok {
			out = append(out, b)
		}
	}
	return out
}

func tags(m map[string]any) map[string]string {
	t, _ := m["tags"].(map[string]any)
	if len(t) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range t {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}
