// Package policies loads the Rego controls — built-in and the user's — and
// evaluates them over a snapshot. It is the only package that talks to OPA:
// modules are compiled once against the snapshot's JSON Schema, each
// control's query is prepared once, and the input is converted to an OPA
// value once per snapshot.
package policies

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// Engine evaluates a fixed set of compiled controls. It is safe for
// concurrent use once built.
type Engine struct {
	controls []*Control
	// known holds the ID of every control loaded, selected or not.
	known    map[string]bool
	prepared map[string]rego.PreparedEvalQuery
	analysis Analysis
	// catalogue is the digest of the policy sources (Catalogue).
	catalogue string
	// now is Options.Now, the clock builtins read (see evalTime).
	now    time.Time
	limits limits
}

// Options configure an Engine. The zero value loads only the built-in
// policies with the default configuration.
type Options struct {
	// PolicyDirs are directories of user policies loaded beside the
	// built-in ones.
	PolicyDirs []string
	// Config supplies the thresholds and each cloud's section to policies
	// as data.rampart.config. It is required: built-in controls read
	// their thresholds from it (see clouds.DefaultConfig).
	Config *config.Config
	// Now overrides the snapshot's collected_at as "now" for time-based
	// controls.
	Now time.Time
	// Controls restricts evaluation to these IDs; an unknown ID is an
	// error.
	Controls []string
	// Analysis computes the facts policies read at data.rampart.analysis;
	// nil leaves it empty.
	Analysis Analysis
	// Timeout bounds one control's evaluation on one input; zero is
	// DefaultTimeout, negative no bound.
	Timeout time.Duration
	// MemoryLimit bounds, in bytes, how much the heap may grow while the
	// controls evaluate; zero is a third of the memory available,
	// negative no bound.
	MemoryLimit int64
}

// New loads, compiles and prepares the policies.
func New(ctx context.Context, opts Options) (*Engine, error) {
	mods, controls, catalogue, err := loadSources(opts.PolicyDirs, false)
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(controls))
	for _, c := range controls {
		known[c.ID] = true
	}
	if controls, err = selectControls(controls, opts.Controls); err != nil {
		return nil, err
	}
	compiler, err := compile(mods)
	if err != nil {
		return nil, err
	}
	store, err := newStore(opts.Config, opts.Now)
	if err != nil {
		return nil, err
	}
	e := &Engine{controls: controls, known: known, prepared: map[string]rego.PreparedEvalQuery{}, analysis: opts.Analysis, catalogue: catalogue,
		now: opts.Now, limits: newLimits(opts)}
	for _, c := range controls {
		if len(compiler.GetRulesExact(ast.MustParseRef("data."+c.Package+".results"))) == 0 {
			return nil, &PolicyError{Lines: []string{fmt.Sprintf("%s: control %s defines no `results` rule (expected `results contains r if { ... }`)", c.File, c.ID)}}
		}
		pq, err := rego.New(
			rego.Query("data."+c.Package+".results"),
			rego.Compiler(compiler),
			rego.Store(store),
			rego.Capabilities(Capabilities()),
			// Builtin errors are collected per evaluation instead
			// (evalControl): one odd string in one account must not
			// stop the whole run, nor be silently undefined.
			rego.StrictBuiltinErrors(false),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, &PolicyError{Lines: regoErrors(err)}
		}
		e.prepared[c.ID] = pq
	}
	return e, nil
}

// Known reports whether a control with this ID was loaded, whether or not
// --control selected it: what a waiver file or a baseline may name.
func (e *Engine) Known(id string) bool { return e.known[id] }

// Controls returns the controls the engine evaluates, sorted by ID.
func (e *Engine) Controls() []*Control { return e.controls }

// controlsOf reads the metadata of every module that declares a control.
func controlsOf(srcs []source, mods map[string]*ast.Module) ([]*Control, error) {
	byID := map[string]*Control{}
	var errs []string
	for _, s := range srcs {
		c, err := controlFromModule(s.file, mods[s.file])
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if c == nil {
			continue
		}
		c.Builtin = s.builtin
		if prev, dup := byID[c.ID]; dup {
			errs = append(errs, fmt.Sprintf("%s: control %s is already defined in %s", s.file, c.ID, prev.File))
			continue
		}
		byID[c.ID] = c
	}
	if len(errs) > 0 {
		return nil, &PolicyError{Lines: errs}
	}
	out := make([]*Control, 0, len(byID))
	for _, c := range byID {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// UnknownControlError names selected control IDs that no policy defines.
type UnknownControlError struct {
	IDs []string
}

func (e *UnknownControlError) Error() string {
	return fmt.Sprintf("unknown control %s (see `rampart policy list`)", strings.Join(e.IDs, ", "))
}

func selectControls(all []*Control, ids []string) ([]*Control, error) {
	if len(ids) == 0 {
		return all, nil
	}
	var out []*Control
	var unknown []string
	for _, id := range ids {
		i := slices.IndexFunc(all, func(c *Control) bool { return c.ID == id })
		if i < 0 {
			unknown = append(unknown, id)
			continue
		}
		if !slices.Contains(out, all[i]) {
			out = append(out, all[i])
		}
	}
	if len(unknown) > 0 {
		return nil, &UnknownControlError{IDs: unknown}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// compile type-checks every module against the snapshot schema with the
// restricted capabilities.
func compile(mods map[string]*ast.Module) (*ast.Compiler, error) {
	c, err := newCompiler()
	if err != nil {
		return nil, err
	}
	if c.Compile(mods); c.Failed() {
		return nil, &PolicyError{Lines: regoErrors(c.Errors)}
	}
	return c, nil
}

// newCompiler is the compiler every policy is checked with, scans and
// unit tests alike: restricted capabilities, and `input` typed by the
// snapshot's JSON Schema.
func newCompiler() (*ast.Compiler, error) {
	schemas, err := SchemaSet()
	if err != nil {
		return nil, err
	}
	return ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithSchemas(schemas).
		WithUseTypeCheckAnnotations(true), nil
}

// SchemaSet is the snapshot JSON Schema as the type of `input`.
func SchemaSet() (*ast.SchemaSet, error) {
	var schema any
	if err := json.Unmarshal(snapshot.SchemaJSON, &schema); err != nil {
		return nil, fmt.Errorf("snapshot schema: %w", err)
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, dropNullableRefs(schema))
	return ss, nil
}

// dropNullableRefs rewrites {"anyOf": [{"$ref": X}, {"type": "null"}]} as
// {"$ref": X}. OPA's type checker stops checking below such a union, so a
// misspelt path like input.aws.acounts would go unnoticed; whether the
// value may be null does not matter for checking paths.
func dropNullableRefs(x any) any {
	switch v := x.(type) {
	case map[string]any:
		if alts, ok := v["anyOf"].([]any); ok && len(alts) == 2 {
			ref, _ := alts[0].(map[string]any)
			null, _ := alts[1].(map[string]any)
			if ref["$ref"] != nil && null["type"] == "null" {
				return ref
			}
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = dropNullableRefs(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = dropNullableRefs(e)
		}
		return out
	}
	return x
}

// newStore holds what policies read besides the input: the configuration
// at data.rampart.config and the "now" override at data.rampart.now.
func newStore(cfg *config.Config, now time.Time) (storage.Store, error) {
	if cfg == nil || cfg.Thresholds == nil {
		return nil, fmt.Errorf("policies: no configuration given: the controls' thresholds would be undefined")
	}
	var m map[string]any
	b, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return inmem.NewFromObject(map[string]any{
		"rampart": map[string]any{"config": m, "now": nowString(now)},
	}), nil
}

// Input is a snapshot ready for evaluation: decoded for the engine's own
// use and converted once to the OPA value every control reads.
type Input struct {
	Snapshot *snapshot.Snapshot
	value    ast.Value
	stamps   []timestamp // its timestamps, for the day table
	facts    facts
}

// NewInput converts a snapshot for evaluation. raw is the JSON the snapshot
// was decoded from; when nil, the snapshot is encoded first.
func NewInput(s *snapshot.Snapshot, raw []byte) (*Input, error) {
	if raw == nil {
		var err error
		if raw, err = json.Marshal(s); err != nil {
			return nil, err
		}
	}
	v, stamps, err := valueFromJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return &Input{Snapshot: s, value: v, stamps: stamps}, nil
}

// Evaluate runs every control over in and returns the results sorted. A
// control that errors at run time is an error of the whole evaluation: its
// results would be incomplete, and incomplete is how false PASSes happen.
// The exceptions are decided per control and shown as ERROR results: a
// builtin that failed on some value (see builtinErrorResults), and a
// built-in control stopped by the time or memory limit; a user policy
// stopped by a limit fails the run with a *LimitError naming its file.
func (e *Engine) Evaluate(ctx context.Context, in *Input) ([]results.Result, error) {
	controls := e.applicable(in.Snapshot)
	out := make([][]results.Result, len(controls))
	errs := make([]error, len(controls))
	watch := e.limits.watchMemory()
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, c := range controls {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			// The label lets a CPU profile of a run say which control
			// the time went to (go tool pprof -tagfocus control=ID).
			pprof.Do(ctx, pprof.Labels("control", c.ID), func(ctx context.Context) {
				out[i], errs[i] = e.evalControl(ctx, c, in, watch)
			})
		}()
	}
	wg.Wait()
	watch.stop()
	// The memory watch stops every control running when the heap passes
	// the bound; each runs again alone, and only one that passes it alone
	// is at fault.
	for i, c := range controls {
		if errors.Is(errs[i], errMemory) {
			runtime.GC()
			alone := e.limits.watchMemory()
			out[i], errs[i] = e.evalControl(ctx, c, in, alone)
			alone.stop()
			if errors.Is(errs[i], errMemory) {
				errs[i] = e.limits.memoryError(c)
			}
		}
	}
	n := 0
	for i := range out {
		n += len(out[i])
	}
	all := make([]results.Result, 0, n)
	for i, c := range controls {
		var limit *LimitError
		switch {
		case errors.As(errs[i], &limit) && c.Builtin:
			out[i] = scopeErrors(c, in.Snapshot, "not decided: the evaluation was stopped at "+limit.Limit,
				map[string]any{"limit": limit.Limit})
		case errs[i] != nil:
			return nil, errs[i]
		}
		all = append(all, out[i]...)
	}
	results.Sort(all)
	return all, nil
}

// distinctTerms is the elements of a, each once: a list of results means
// what the set of its elements means, so a result that two rules both
// emit is reported once, as from a set. OPA has each term's hash already.
func distinctTerms(a *ast.Array) []*ast.Term {
	out := make([]*ast.Term, 0, a.Len())
	seen := make(map[int][]*ast.Term, a.Len())
	a.Foreach(func(x *ast.Term) {
		h := x.Hash()
		for _, y := range seen[h] {
			if y.Equal(x) {
				return
			}
		}
		seen[h] = append(seen[h], x)
		out = append(out, x)
	})
	return out
}

// keepTerm hands the query's value over as the OPA term itself: result
// reads it directly instead of through Go maps.
func keepTerm(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

// applicable drops the controls a snapshot cannot decide: those of a
// provider it holds nothing of (an AWS snapshot says nothing about Azure,
// so its Azure controls are not evaluated, not passed), and on a
// Terraform plan those marked iac: N. A provider is held when the snapshot
// has its section, a scope of it or an error of its collection: a
// collection that failed before naming any scope still gets its ERRORs.
func (e *Engine) applicable(s *snapshot.Snapshot) []*Control {
	held := map[string]bool{"aws": s.AWS != nil, "azure": s.Azure != nil, "gcp": s.GCP != nil}
	for _, sc := range s.Scopes {
		held[sc.Provider] = true
	}
	for _, err := range s.Errors {
		held[err.Provider] = true
	}
	var out []*Control
	for _, c := range e.controls {
		if held[c.Provider] && (s.Source != snapshot.SourceTerraformPlan || c.IaC != "N") {
			out = append(out, c)
		}
	}
	return out
}

// Applicable returns the controls Evaluate runs for s, for summaries.
func (e *Engine) Applicable(s *snapshot.Snapshot) []*Control { return e.applicable(s) }

// errTimeout is the cancellation cause of a control out of time.
var errTimeout = errors.New("time limit exceeded")

func (e *Engine) evalControl(ctx context.Context, c *Control, in *Input, watch *memoryWatch) ([]results.Result, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if e.limits.timeout > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, e.limits.timeout, errTimeout)
		defer stop()
	}
	defer watch.track(c, cancel)()
	if ctx.Err() != nil && errors.Is(context.Cause(ctx), errTimeout) {
		// No time left at all: OPA would still return a quick query's
		// results before noticing, making the outcome a race.
		return nil, e.limits.timeoutError(c)
	}
	var builtinErrs []topdown.Error
	rs, err := e.prepared[c.ID].Eval(ctx, rego.EvalParsedInput(in.value), e.analysisOption(in),
		rego.EvalTime(e.evalTime(in)), rego.EvalBuiltinErrorList(&builtinErrs), rego.EvalGenerateJSON(keepTerm))
	if err != nil {
		switch cause := context.Cause(ctx); {
		case errors.Is(cause, errMemory):
			return nil, errMemory
		case errors.Is(cause, errTimeout):
			return nil, e.limits.timeoutError(c)
		}
		return nil, fmt.Errorf("%s (%s): %s", c.ID, c.File, strings.Join(regoErrors(err), "; "))
	}
	var out []results.Result
	if len(rs) > 0 && len(rs[0].Expressions) > 0 {
		var elems []*ast.Term
		var v ast.Value
		if t, ok := rs[0].Expressions[0].Value.(*ast.Term); ok {
			v = t.Value
		}
		switch v := v.(type) {
		case ast.Set:
			// Every way of reading an OPA set sorts it first, comparing
			// whole result objects; a control emitting a result per
			// principal may give a list instead (policies/README.md).
			elems = v.Slice()
		case *ast.Array:
			elems = distinctTerms(v)
		default:
			return nil, fmt.Errorf("%s (%s): `results` must be a set or a list of objects", c.ID, c.File)
		}
		out = make([]results.Result, 0, len(elems))
		var evidence evidenceMaps
		for _, x := range elems {
			r, err := c.result(x, &evidence)
			if err != nil {
				return nil, fmt.Errorf("%s (%s): %w", c.ID, c.File, err)
			}
			out = append(out, r)
		}
	}
	if len(builtinErrs) > 0 {
		out = builtinErrorResults(c, out, builtinErrs, in.Snapshot)
	}
	return applyCollectionErrors(c, out, in.Snapshot), nil
}
