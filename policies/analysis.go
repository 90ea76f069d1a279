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
	value ast.Value
	err   error
}

// analysisOf computes (once) the facts of in with the engine's Analysis.
// Without one, data.rampart.analysis is an empty object, and the controls
// that need it say so in their results.
func (e *Engine) analysisOf(in *Input) (ast.Value, error) {
	in.facts.once.Do(func() {
		m := map[string]any{}
		if e.analysis != nil {
			m = e.analysis(in.Snapshot)
		}
		in.facts.value, in.facts.err = ast.InterfaceToValue(m)
		if in.facts.err != nil {
			in.facts.err = fmt.Errorf("analysis of the snapshot: %w", in.facts.err)
		}
	})
	return in.facts.value, in.facts.err
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
