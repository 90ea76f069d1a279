// Package audit is rampart's pipeline as a library: prepare once (policy
// engine, waivers, baseline, configuration), run on each input (a file or
// a fresh collection) to get a results.Report, and gate the report to
// decide whether the run fails. The CLI, the history store and the
// reports all call it; it knows no cloud and no command-line flag.
package audit

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
	"github.com/rampart-sec/rampart/waivers"
)

// Options configure a Pipeline.
type Options struct {
	// Config is handed to the policies (data.rampart.config) and to the
	// importers; build it from every cloud's section.
	Config config.Config
	// Importers read the files Open accepts, tried in order.
	Importers []collectors.Importer
	// PolicyDirs are directories of user policies loaded beside the
	// built-in ones.
	PolicyDirs []string
	// Controls restricts evaluation to these control IDs.
	Controls []string
	// PolicyTimeout bounds each control's evaluation (zero: the engine's
	// default, negative: none); PolicyMemory bounds, in bytes, how much
	// the evaluation may grow the heap (zero: a share of the memory
	// available, negative: none). A built-in control over a limit is
	// ERROR; a user policy over one fails the run.
	PolicyTimeout time.Duration
	PolicyMemory  int64
	// Analysis computes the facts policies read at data.rampart.analysis
	// (see clouds.Analysis); nil leaves them empty.
	Analysis policies.Analysis
	// Now is "now" for time-based controls; zero means each snapshot's
	// collected_at, never the wall clock.
	Now time.Time
	// WaiversFile, when set, is a YAML waiver file applied to every run.
	WaiversFile string
	// BaselineFile, when set, is an earlier JSON results file: only
	// results new since then count when gating.
	BaselineFile string
	// FailOn is the least severity of a FAIL that fails the gate; zero
	// means the gate never fails.
	FailOn results.Severity
	// Version is rampart's version, recorded in snapshots it maps.
	Version string
	// Warn receives warnings of importers; nil discards them.
	Warn io.Writer
}

// Pipeline is a prepared audit: the policies compiled, the waivers and
// baseline read. It is safe for concurrent runs.
type Pipeline struct {
	opts     Options
	engine   *policies.Engine
	waivers  []waivers.Waiver
	baseline results.Baseline
}

// Prepare checks the options and compiles the policies, so that a bad
// policy, waiver or baseline costs no collection.
func Prepare(ctx context.Context, opts Options) (*Pipeline, error) {
	p := &Pipeline{opts: opts}
	if opts.BaselineFile != "" {
		var err error
		if p.baseline, err = results.ReadBaseline(opts.BaselineFile); err != nil {
			return nil, err
		}
	}
	cfg := opts.Config
	engine, err := policies.New(ctx, policies.Options{
		PolicyDirs: opts.PolicyDirs, Config: &cfg, Now: opts.Now, Controls: opts.Controls,
		Timeout: opts.PolicyTimeout, MemoryLimit: opts.PolicyMemory, Analysis: opts.Analysis,
	})
	if err != nil {
		return nil, err
	}
	p.engine = engine
	if opts.WaiversFile != "" {
		if p.waivers, err = waivers.Load(opts.WaiversFile, engine.Known); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Controls returns the controls the pipeline evaluates, sorted by ID.
func (p *Pipeline) Controls() []*policies.Control { return p.engine.Controls() }

// Catalogue is the digest of the policy sources the pipeline evaluates
// (built-in and --policy-dir), naming the controls in reports.
func (p *Pipeline) Catalogue() string { return p.engine.Catalogue() }

// Known reports whether a control of this ID was loaded, selected or not.
func (p *Pipeline) Known(id string) bool { return p.engine.Known(id) }

// Env is what the pipeline hands collectors and importers.
func (p *Pipeline) Env() collectors.Env {
	env := collectors.Env{Version: p.opts.Version, Config: p.opts.Config, Warn: p.opts.Warn}
	if !p.opts.Now.IsZero() {
		// An input without a time of its own (a plan of Terraform < 1.5)
		// is dated Now, so the same input gives the same report.
		now := p.opts.Now
		env.Now = func() time.Time { return now }
	}
	return env
}

// Open reads a file of any kind the importers recognise.
func (p *Pipeline) Open(path string) (*collectors.Input, error) {
	return collectors.Open(path, p.opts.Importers, p.Env())
}

// InputOf makes a freshly collected snapshot an input: encoded once, so
// that the digest the report carries is that of the JSON a `--snapshot`
// file would hold.
func InputOf(s *snapshot.Snapshot) (*collectors.Input, error) {
	raw, err := snapshot.Marshal(s)
	if err != nil {
		return nil, err
	}
	return &collectors.Input{Snapshot: s, JSON: raw, Digest: snapshot.Digest(raw)}, nil
}

// Run evaluates an input, applies the waivers and returns the report and
// the warnings about waivers (expired, stale). file names the input in the
// report ("" for a collection not written to a file).
//
// Nothing of input is read after its conversion for the policies: a caller
// that keeps no reference to input (or to its JSON) lets the JSON go before
// the evaluation starts.
func (p *Pipeline) Run(ctx context.Context, input *collectors.Input, file string) (*results.Report, []string, error) {
	snap, raw, digest, undated := input.Snapshot, input.JSON, input.Digest, input.Undated
	if len(snap.Scopes) == 0 {
		switch {
		case snap.Source == snapshot.SourceTerraformPlan:
			// A plan that touches nothing rampart maps (only storage,
			// only DNS) is a real, common input in a pipeline that runs
			// on every plan: said, not refused.
			p.warn("%s: the plan has no resource rampart maps to an account, subscription or project: no control applies", file)
		case input.Shard != "":
			// Scopes are spread over the shards by a hash: a shard may
			// own none. Its empty scan is still recorded, so that the
			// run it belongs to is complete.
			p.warn("shard %s owns none of the scopes collected: nothing to judge in this shard", input.Shard)
		default:
			return nil, nil, noScope(file)
		}
	}
	p.warnNotApplicable(snap, file)
	in, err := policies.NewInput(snap, raw)
	if err != nil {
		return nil, nil, err
	}
	rs, err := p.engine.Evaluate(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	if ws := p.waiversFor(snap); len(ws) > 0 {
		outcome := waivers.Apply(rs, ws, p.evaluatedAt(snap))
		warnings = outcome.Warnings()
	}
	if digest == "" {
		raw, err := snapshot.Marshal(snap)
		if err != nil {
			return nil, nil, err
		}
		digest = snapshot.Digest(raw)
	}
	rep := p.report(snap, digest, file, rs)
	rep.Snapshot.Undated = undated
	return rep, warnings, nil
}

// warn writes one line to Options.Warn, when there is one.
func (p *Pipeline) warn(format string, args ...any) {
	if p.opts.Warn != nil {
		fmt.Fprintf(p.opts.Warn, "rampart: "+format+"\n", args...)
	}
}

// warnNotApplicable says which controls the user chose (--control) the
// input cannot decide: those of a provider it holds nothing of, and on a
// plan those marked iac: N. They are left out of the report, so a gate
// that chose only such controls would otherwise pass on nothing, in
// silence. Without a choice the catalogue's other providers are not worth
// a word.
func (p *Pipeline) warnNotApplicable(snap *snapshot.Snapshot, file string) {
	if len(p.opts.Controls) == 0 {
		return
	}
	applies := map[string]bool{}
	for _, c := range p.engine.Applicable(snap) {
		applies[c.ID] = true
	}
	if file == "" {
		file = "the collection"
	}
	for _, c := range p.engine.Controls() {
		switch {
		case applies[c.ID]:
		case snap.Source == snapshot.SourceTerraformPlan && c.IaC == "N":
			p.warn("%s: control %s is not evaluated on a Terraform plan: it reads what only the live account shows", file, c.ID)
		default:
			p.warn("%s: control %s is not evaluated: the input holds no %s data", file, c.ID, c.Provider)
		}
	}
}

// noScope is the error of a snapshot that names nothing to judge. Every
// control judges the scopes (accounts, subscriptions, projects) of the
// input or says why not; with none, all would say nothing, and a report
// of 0 results that exits 0 reads as a clean bill of health. A collector
// or importer always records the scopes it read, so a snapshot without
// any was emptied by hand or by a broken tool.
func noScope(file string) error {
	what := "the input"
	if file == "" {
		what, file = "the collection", "rampart"
	}
	return &snapshot.InputError{File: file, Msg: what + ` names no scope ("scopes" is empty): no account, subscription or project to judge, so nothing was evaluated`}
}

// waiversFor keeps the waivers of the controls evaluated on snap: a
// waiver for a control left out (by the control selection, or iac: N on
// a plan) is neither applied nor stale.
func (p *Pipeline) waiversFor(snap *snapshot.Snapshot) []waivers.Waiver {
	evaluated := map[string]bool{}
	for _, c := range p.engine.Applicable(snap) {
		evaluated[c.ID] = true
	}
	var out []waivers.Waiver
	for _, w := range p.waivers {
		if evaluated[w.Control] {
			out = append(out, w)
		}
	}
	return out
}

func (p *Pipeline) report(snap *snapshot.Snapshot, digest, file string, rs []results.Result) *results.Report {
	var infos []results.Control
	for _, c := range p.engine.Applicable(snap) {
		infos = append(infos, c.Control)
	}
	if rs == nil {
		rs = []results.Result{}
	}
	errs := Errors(snap)
	rep := &results.Report{
		Schema: results.Schema,
		Snapshot: results.SnapshotInfo{
			File: file, Digest: digest, CollectedAt: snap.CollectedAt,
			EvaluatedAt: p.evaluatedAt(snap), Source: snap.Source, Scopes: snap.Scopes,
			CollectionErrors: len(errs),
		},
		Summary: results.Summarize(infos, rs),
		Errors:  errs,
		Results: rs,
	}
	if p.baseline != nil {
		p.baseline.Mark(rep, p.opts.BaselineFile)
	}
	return rep
}

// Errors are a snapshot's collection errors as a person should see them:
// a plan's markers of data it does not show (snapshot.CodeNotInPlan) and
// of principals it grants to without managing them
// (snapshot.CodeOutsidePlan) are how the engine knows what not to judge,
// not failures, and are left out.
func Errors(snap *snapshot.Snapshot) []snapshot.CollectionError {
	var out []snapshot.CollectionError
	for _, e := range snap.Errors {
		if e.Code != snapshot.CodeNotInPlan && e.Code != snapshot.CodeOutsidePlan {
			out = append(out, e)
		}
	}
	return out
}

// evaluatedAt is the "now" the time-based controls used.
func (p *Pipeline) evaluatedAt(snap *snapshot.Snapshot) time.Time {
	if !p.opts.Now.IsZero() {
		return p.opts.Now
	}
	return snap.CollectedAt.UTC()
}
