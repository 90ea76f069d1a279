package policies

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-sec/rampart/results"
)

// resultFields are the keys a result object may carry, with whether each
// is required. evidence is read apart: it is the only non-string one.
var resultFields = []struct {
	key      *ast.Term
	required bool
}{
	{ast.InternedTerm("status"), true},
	{ast.InternedTerm("resource"), true},
	{ast.InternedTerm("message"), true},
	{ast.InternedTerm("resource_type"), false},
	{ast.InternedTerm("account"), false},
	{ast.InternedTerm("region"), false},
}

var evidenceKey = ast.InternedTerm("evidence")

// result turns one element of a control's `results` set into a Result,
// filling in what the metadata knows. A policy states only what it decided
// and on what: status, resource, message, evidence, and where the resource
// lives. It reads the OPA value directly: converting 100,000 results to Go
// maps first, as the rego package does by default, costs more than
// building them.
func (c *Control) result(x *ast.Term, evidence *evidenceMaps) (results.Result, error) {
	obj, ok := x.Value.(ast.Object)
	if !ok {
		return results.Result{}, fmt.Errorf("each element of `results` must be an object, found %s", ast.ValueName(x.Value))
	}
	var fields [6]string
	for i, f := range resultFields {
		v := obj.Get(f.key)
		if v == nil {
			if f.required {
				return results.Result{}, fmt.Errorf("result %v: missing %v", obj, f.key)
			}
			continue
		}
		s, ok := v.Value.(ast.String)
		if !ok {
			return results.Result{}, fmt.Errorf("result %v: %v must be a string", obj, f.key)
		}
		fields[i] = string(s)
	}
	r := results.NewResult(c.Control)
	r.Status = results.Status(fields[0])
	r.Resource, r.Message, r.ResourceType, r.Account, r.Region = fields[1], fields[2], fields[3], fields[4], fields[5]
	switch r.Status {
	case results.Fail, results.Pass, results.Error:
	default:
		return r, fmt.Errorf("result for %s: status %q: expected FAIL, PASS or ERROR", r.Resource, fields[0])
	}
	if r.Resource == "" {
		return r, fmt.Errorf("result %v: empty resource", obj)
	}
	if ev := obj.Get(evidenceKey); ev != nil {
		o, ok := ev.Value.(ast.Object)
		if !ok {
			return r, fmt.Errorf("result for %s: evidence must be an object", r.Resource)
		}
		m, err := evidence.of(o)
		if err != nil {
			return r, fmt.Errorf("result for %s: evidence: %w", r.Resource, err)
		}
		r.Evidence = m
	}
	r.ID = results.ResultID(r.Control, r.Account, r.Region, r.Resource)
	return r, nil
}

// evidenceMaps converts the evidence objects of one control's results,
// handing out one map for equal objects: tens of thousands of results
// carry the same evidence ({} for most PASSes), and one map each would be
// most of the memory the results hold. The maps are shared, so they are
// read-only: whoever adds to a result's evidence copies it first
// (markError, the waivers).
type evidenceMaps struct {
	byHash map[int][]evidenceMap
}

type evidenceMap struct {
	value ast.Object
	m     map[string]any
}

func (c *evidenceMaps) of(o ast.Object) (map[string]any, error) {
	h := o.Hash()
	for _, e := range c.byHash[h] {
		if e.value.Compare(o) == 0 {
			return e.m, nil
		}
	}
	v, err := ast.JSON(o)
	if err != nil {
		return nil, err
	}
	m := v.(map[string]any)
	if c.byHash == nil {
		c.byHash = map[int][]evidenceMap{}
	}
	c.byHash[h] = append(c.byHash[h], evidenceMap{o, m})
	return m, nil
}
