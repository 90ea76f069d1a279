package policies

import (
	"fmt"
	"slices"

	"github.com/rampart-sec/rampart/results"
)

// result turns one element of a control's `results` set into a Result,
// filling in what the metadata knows. A policy states only what it decided
// and on what: status, resource, message, evidence, and where the resource
// lives.
func (c *Control) result(x any) (results.Result, error) {
	m, ok := x.(map[string]any)
	if !ok {
		return results.Result{}, fmt.Errorf("each element of `results` must be an object, found %T", x)
	}
	field := func(key string, required bool) (string, error) {
		v, present := m[key]
		if !present {
			if required {
				return "", fmt.Errorf("result %v: missing %q", m, key)
			}
			return "", nil
		}
		s, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("result %v: %q must be a string", m, key)
		}
		return s, nil
	}
	r := results.NewResult(c.Control)
	var status string
	var err error
	for _, f := range []struct {
		key      string
		dst      *string
		required bool
	}{
		{"status", &status, true},
		{"resource", &r.Resource, true},
		{"message", &r.Message, true},
		{"resource_type", &r.ResourceType, false},
		{"account", &r.Account, false},
		{"region", &r.Region, false},
	} {
		if *f.dst, err = field(f.key, f.required); err != nil {
			return r, err
		}
	}
	r.Status = results.Status(status)
	if !slices.Contains([]results.Status{results.Fail, results.Pass, results.Error}, r.Status) {
		return r, fmt.Errorf("result for %s: status %q: expected FAIL, PASS or ERROR", r.Resource, status)
	}
	if r.Resource == "" {
		return r, fmt.Errorf("result %v: empty resource", m)
	}
	if ev, ok := m["evidence"]; ok {
		if r.Evidence, ok = ev.(map[string]any); !ok {
			return r, fmt.Errorf("result for %s: evidence must be an object", r.Resource)
		}
	}
	r.ID = results.ResultID(r.Control, r.Account, r.Region, r.Resource)
	return r, nil
}
