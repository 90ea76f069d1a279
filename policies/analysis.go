package policies

import (
	"context"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/resolver"

	"github.com/rampart-sec/rampart/snapshot"
)

// Analysis computes, once per snapshot, the facts that many controls need
// and Rego computes slowly (effective IAM permissions, the escalation
// graph). Policies read them at data.rampart.analysis.<cloud>; the keys of
// the returned map are the cloud names. Values are plain JSON types.
type Analysis func(*snapshot.Snapshot) map[string]any

// analysisRef is where policies read the facts.
var analysisRef = ast.MustParseRef("data.rampart.analysis")

// facts holds an input's analysis, computed on first use and shared by
// every control of the evaluation.
type facts struct {
	once  sync.Once
	now   string // the "now" its day table counts to (nowString)
	value ast.Value
	err   error
}

// analysisOf computes (once) the facts of in with the engine's Analysis,
// and the day table (dayTable) at data.rampart.analysis.days. Without an
// Analysis the clouds' facts are absent, and the controls that need them
// say so in their results. An engine whose "now" differs from the one the
// facts were computed for (tests evaluating one input at several dates)
// gets its own, uncached.
func (e *Engine) analysisOf(in *Input) (ast.Value, error) {
	now := nowString(e.now)
	in.facts.once.Do(func() {
		in.facts.now = now
		in.facts.value, in.facts.err = e.computeFacts(in, now)
	})
	if in.facts.now != now {
		return e.computeFacts(in, now)
	}
	return in.facts.value, in.facts.err
}

func (e *Engine) computeFacts(in *Input, now string) (ast.Value, error) {
	m := map[string]any{}
	if e.analysis != nil {
		m = e.analysis(in.Snapshot)
	}
	v, err := factsValue(m)
	if err != nil {
		return nil, fmt.Errorf("analysis of the snapshot: %w", err)
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("analysis of the snapshot: not an object")
	}
	obj.Insert(ast.InternedTerm("days"), ast.NewTerm(dayTable(in.value, in.stamps, now)))
	return obj, nil
}

// factsResolver serves data.rampart.analysis from an input's facts,
// computing them on the first read: a control that never reads them (most
// of them) does not wait for the analysis.
type factsResolver struct {
	e  *Engine
	in *Input
}

func (r factsResolver) Eval(context.Context, resolver.Input) (resolver.Result, error) {
	v, err := r.e.analysisOf(r.in)
	return resolver.Result{Value: v}, err
}

func (e *Engine) analysisOption(in *Input) rego.EvalOption {
	return rego.EvalResolver(analysisRef, factsResolver{e, in})
}

// factsValue converts the facts to an OPA value as ast.InterfaceToValue
// does, but sharing what repeats: the facts of 20,000 principals repeat
// the same ten keys, the same kinds and mostly empty lists, and OPA's own
// conversion gives each its own term (39 MB instead of some 20 for
// 10,000 users and 10,000 roles, held through the whole evaluation).
// OPA never mutates data terms, and interns empty arrays itself.
func factsValue(m map[string]any) (ast.Value, error) {
	c := factsConverter{strs: stringTerms{}}
	t, err := c.term(m)
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

type factsConverter struct {
	strs stringTerms
}

func (c *factsConverter) term(x any) (*ast.Term, error) {
	switch x := x.(type) {
	case string:
		return c.strs.term(x), nil
	case bool:
		return ast.InternedTerm(x), nil
	case nil:
		return ast.InternedNullTerm, nil
	case []any:
		if len(x) == 0 {
			return ast.InternedEmptyArray, nil
		}
		elems := make([]*ast.Term, len(x))
		for i, e := range x {
			t, err := c.term(e)
			if err != nil {
				return nil, err
			}
			elems[i] = t
		}
		return ast.NewTerm(ast.NewArray(elems...)), nil
	case map[string]any:
		pairs := make([][2]*ast.Term, 0, len(x))
		for k, v := range x {
			t, err := c.term(v)
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, [2]*ast.Term{c.strs.term(k), t})
		}
		return ast.NewTerm(ast.NewObject(pairs...)), nil
	}
	// Anything else (numbers, typed slices) as OPA converts it.
	v, err := ast.InterfaceToValue(x)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(v), nil
}
