package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/audit"
	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
)

func newEvalCmd() *cobra.Command {
	var o evalOptions
	c := &cobra.Command{
		Use:   "eval FILE",
		Short: "Evaluate the controls over a snapshot file or a Terraform plan",
		Long: "Evaluate the controls over a rampart snapshot (from `rampart collect`) or the JSON of a\n" +
			"Terraform plan (`terraform show -json PLANFILE`), recognised by its content.\n\n" +
			"Exit codes: 0 ran and nothing at or above --fail-on; 1 findings at or above --fail-on;\n" +
			"2 usage, input, policy or collection failure.",
		Args: storeArgs(exactlyOneFile, 1),
		RunE: func(c *cobra.Command, args []string) error {
			ev, err := o.prepare(c.Context(), c.ErrOrStderr())
			if err != nil {
				return err
			}
			in, err := ev.pipeline.Open(args[0])
			if err != nil {
				return err
			}
			return ev.run(c.Context(), c.OutOrStdout(), c.ErrOrStderr(), in, args[0])
		},
	}
	o.register(c.Flags(), true)
	o.store.register(c.Flags(), false)
	return c
}

func exactlyOneFile(c *cobra.Command, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%s: expected one input file, got %d arguments (see %s --help)", c.CommandPath(), len(args), c.CommandPath())
	}
	return nil
}

// evalOptions are the flags of every command that evaluates: eval, and the
// scan commands that collect first.
type evalOptions struct {
	format     string
	output     string
	failOn     string
	controls   []string
	configFile string
	now        string
	policyDirs []string
	waivers    string
	baseline   string
	newOnly    bool
	tfDir      string
	statuses   []string
	pass       string
	store      storeOptions
	// policyTimeout and policyMemory (MiB) bound each control's
	// evaluation; zero is the engine's default, negative none.
	policyTimeout time.Duration
	policyMemory  int64
}

// register adds the flags; plans says whether the command reads
// Terraform plans (only eval does: --tf-dir).
func (o *evalOptions) register(fs *pflag.FlagSet, plans bool) {
	fs.StringVarP(&o.format, "format", "f", "table", "report format: "+strings.Join(reports.Formats(), ", "))
	fs.StringVarP(&o.output, "output", "o", "", "write the report to FILE (replaced only once the report is complete) instead of stdout")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 when a FAIL at or above this severity exists: "+results.SeverityNames()+" (any case)")
	fs.StringSliceVar(&o.controls, "control", nil, "evaluate only these control IDs (comma-separated or repeated)")
	fs.StringVar(&o.configFile, "config", "", "YAML config file: thresholds, own and trusted accounts, admin roles")
	fs.StringVar(&o.now, "now", "", "RFC 3339 time to evaluate time-based controls at (default: the snapshot's collected_at)")
	fs.StringArrayVar(&o.policyDirs, "policy-dir", nil, "directory of additional Rego policies (repeatable)")
	fs.StringVar(&o.waivers, "waivers", "", "YAML waiver file: FAIL/ERROR results matching an unexpired waiver become WAIVED")
	fs.StringVar(&o.baseline, "baseline", "", "an earlier results FILE (written with --format json); with --new-only, findings already in it do not count for --fail-on")
	fs.BoolVar(&o.newOnly, "new-only", false, "only FAIL results new since --baseline, or since the previous stored scan of the same scopes (--store), count for --fail-on")
	fs.StringVar(&o.pass, "pass", "", "PASS results: full (each one) or summary (counts only; the JSON of a large scan shrinks by half); default: full in json and junit, summary in table, markdown and sarif")
	fs.StringSliceVar(&o.statuses, "status", nil, "list only results of these statuses: FAIL, ERROR, WAIVED, PASS (comma-separated; default: FAIL,ERROR in the table, all in the other formats); the summary counts every result")
	fs.DurationVar(&o.policyTimeout, "policy-timeout", policies.DefaultTimeout, "stop a control's evaluation after this long: a built-in control is then ERROR, a --policy-dir policy fails the run (0 or less: no limit)")
	fs.Int64Var(&o.policyMemory, "policy-memory", 0, "stop the evaluation when policies have grown memory by this many MiB: a built-in control is then ERROR, a --policy-dir policy fails the run (default: a third of the memory available; -1: no limit)")
	if plans {
		fs.StringVar(&o.tfDir, "tf-dir", "", "Terraform sources of the plan: SARIF results point at the resource blocks in it")
	}
}

// evaluator is the prepared pipeline and the report writer of one
// command. It is built before any collection so that a bad flag costs no
// API calls.
type evaluator struct {
	pipeline *audit.Pipeline
	config   config.Config
	reporter reports.Reporter
	output   string
	// statuses are the statuses --status keeps; nil keeps every one.
	statuses []results.Status
	// passSummary drops the PASS results (--pass summary): the summary
	// still counts them.
	passSummary bool
	rec         *recorder
	// format and ropts rebuild the reporter once the input is known, so
	// the audit formats can name its collector and collection errors.
	format string
	ropts  reports.Options
}

// prepare checks the flags and prepares the pipeline; errors name the
// flag at fault.
func (o *evalOptions) prepare(ctx context.Context, stderr io.Writer) (*evaluator, error) {
	aopts := audit.Options{
		PolicyDirs: o.policyDirs, Controls: o.controls, WaiversFile: o.waivers,
		Importers: clouds.Importers(), Analysis: clouds.Analysis, Version: shortVersion(), Warn: stderr,
		PolicyTimeout: o.policyTimeout, PolicyMemory: o.policyMemory << 20,
	}
	if o.policyTimeout <= 0 {
		aopts.PolicyTimeout = -1
	}
	if o.policyMemory < 0 {
		aopts.PolicyMemory = -1
	}
	if o.failOn != "" {
		sev, err := results.ParseSeverity(o.failOn)
		if err != nil {
			return nil, fmt.Errorf("--fail-on: %w", err)
		}
		aopts.FailOn = sev
	}
	if o.now != "" {
		t, err := time.Parse(time.RFC3339, o.now)
		if err != nil {
			return nil, fmt.Errorf("--now %q: expected an RFC 3339 time such as 2026-01-31T00:00:00Z", o.now)
		}
		aopts.Now = t.UTC()
	}
	var err error
	if aopts.Config, err = loadConfig(o.configFile); err != nil {
		return nil, err
	}
	if _, err := reports.New(o.format, reports.Options{}); err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	if o.baseline != "" && !o.newOnly {
		return nil, fmt.Errorf("--baseline needs --new-only: --baseline names the earlier results, --new-only gates on what is not in them")
	}
	aopts.BaselineFile = o.baseline
	p, err := audit.Prepare(ctx, aopts)
	if err != nil {
		return nil, flagContext(err, o)
	}
	ev := &evaluator{pipeline: p, config: aopts.Config, output: o.output}
	if o.statuses != nil {
		if ev.statuses, err = results.ParseStatuses(o.statuses); err != nil {
			return nil, fmt.Errorf("--status: %w", err)
		}
	}
	switch o.pass {
	case "":
		ev.passSummary = reports.DefaultPass(o.format) == "summary"
	case "summary", "full":
		ev.passSummary = o.pass == "summary"
	default:
		return nil, fmt.Errorf("--pass: expected full or summary, got %q", o.pass)
	}
	if ev.rec, err = o.store.prepare(ctx, o.newOnly, o.baseline); err != nil {
		return nil, err
	}
	ropts := reports.Options{
		Color:    o.output == "" && isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "",
		Rules:    rules(p.Controls()),
		Version:  shortVersion(),
		Width:    terminalWidth(),
		Hint:     clouds.Hint,
		Statuses: ev.statuses,
	}
	if o.tfDir != "" {
		loc, err := terraform.NewLocator(o.tfDir)
		if err != nil {
			return nil, fmt.Errorf("--tf-dir: %w", err)
		}
		ropts.Locate = func(resource string) (reports.Location, bool) {
			file, line, ok := loc.Locate(resource)
			return reports.Location{File: file, Line: line}, ok
		}
	}
	ropts.Provenance = &reports.Provenance{CommandLine: commandLine(ctx), Catalogue: p.Catalogue()}
	if ev.reporter, err = reports.New(o.format, ropts); err != nil {
		return nil, err
	}
	// A format that needs a tool (pdf: a browser) says so before any
	// collection.
	if c, ok := ev.reporter.(interface{ Check() error }); ok {
		if err := c.Check(); err != nil {
			return nil, err
		}
	}
	ev.format, ev.ropts = o.format, ropts
	return ev, nil
}

// loadConfig reads --config against every cloud's section; without a
// file, every section is at its defaults.
func loadConfig(file string) (config.Config, error) {
	if file == "" {
		return clouds.DefaultConfig(), nil
	}
	return clouds.LoadConfig(file)
}

// flagContext names the flag behind a pipeline error: the library speaks
// of controls and baselines, the user typed --control and --baseline.
func flagContext(err error, o *evalOptions) error {
	var unknown *policies.UnknownControlError
	var baseline *results.BaselineError
	var dir *policies.DirError
	switch {
	case errors.As(err, &dir):
		return fmt.Errorf("--policy-dir %s: %s", dir.Dir, dir.Msg)
	case errors.As(err, &unknown):
		return fmt.Errorf("--control: %w", err)
	case errors.As(err, &baseline):
		return fmt.Errorf("--baseline %w", err)
	}
	return err
}

// rules is the controls' metadata for the reports that list rules.
func rules(cs []*policies.Control) map[string]results.Control {
	out := make(map[string]results.Control, len(cs))
	for _, c := range cs {
		out[c.ID] = c.Control
	}
	return out
}

// run evaluates an input, writes the report and returns an exitCodeError
// when the gate fails. Warnings about waivers go to stderr.
func (ev *evaluator) run(ctx context.Context, stdout, stderr io.Writer, input *collectors.Input, file string) error {
	// The input's JSON is needed after the evaluation only by a store
	// that records snapshots; otherwise no reference to it is kept, so
	// that it goes before the evaluation (as much memory as the file).
	kept := *input
	if !ev.rec.keepsSnapshot() {
		kept.JSON = nil
	}
	boundHeap(len(input.JSON))
	report, warnings, err := ev.pipeline.Run(ctx, input, file)
	if err != nil {
		return err
	}
	input = &kept
	releaseEvaluation()
	report = ev.rec.shard.Keep(report)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "rampart:", w)
	}
	// The gate is decided before the report is written, so that the
	// report says what it decided, unless it compares with the previous
	// stored scan, which is known only once this one is recorded.
	decision := ev.pipeline.Gate(report)
	if !ev.rec.newOnly {
		report.Gate = decision.Info()
	}
	reporter := ev.reporter
	if ev.ropts.Provenance != nil {
		ropts := ev.ropts
		prov := *ropts.Provenance
		prov.Collector, prov.CollectionErrors = input.Snapshot.Collector, input.Snapshot.Errors
		ropts.Provenance = &prov
		if reporter, err = reports.New(ev.format, ropts); err != nil {
			return err
		}
	}
	// What is shown (--status, --pass) is a view: the store, the metrics
	// and the gate see every result.
	shown := *report
	if ev.statuses != nil {
		shown.Keep(ev.statuses)
	}
	if ev.passSummary {
		shown.PassSummary()
	}
	defer ev.rec.close()
	if err := streamOutput("--output", ev.output, stdout, func(w io.Writer) error { return reporter.Write(w, &shown) }); err != nil {
		return err
	}
	// The report is out before the store is written: a store that is
	// down fails the run (exit 2) but loses no report.
	scan, stored, err := ev.rec.record(ctx, stderr, report, input)
	if err != nil {
		return err
	}
	if err := ev.rec.metrics(report, scan); err != nil {
		return err
	}
	if stored != nil {
		decision = gate(ev.pipeline, report, stored)
	}
	return ev.explain(stderr, decision)
}

// Heap bound of an evaluation: heapFloor, or heapPerInputByte times the
// size of the snapshot's JSON when that is more. The live heap of an
// evaluation grows with the input: on the 10k-user + 10k-role snapshot
// (10 MB of JSON) it peaks near 220 MB, inputs and results included.
const (
	heapFloor        = 320 << 20
	heapPerInputByte = 32
)

// boundHeap sets a soft memory limit for the rest of the run, unless
// GOMEMLIMIT sets one. With the runtime's default pacing (GOGC=100) the
// heap grows to twice what was live at the last collection before the
// next one, and an evaluation's live heap peaks at its end: 10 MB of
// snapshot took the process to 520 MB RSS. The limit makes the collector
// run earlier instead, once the heap nears it: the same scan stays under
// 400 MiB for about 15% more CPU. It sits well above the live heap the
// input predicts (32 times its JSON), so a large organization is not
// collected over and over; GOMEMLIMIT=off restores the default pacing.
func boundHeap(inputBytes int) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	debug.SetMemoryLimit(max(int64(heapFloor), int64(heapPerInputByte)*int64(inputBytes)))
}

// releaseEvaluation returns the memory of the evaluation before the
// report is rendered. OPA keeps its evaluators in sync.Pools, and a pooled
// evaluator still points at its last query's input, caches and bindings;
// a pool lets go of them only at the second collection after. For the
// 10k-user + 10k-role snapshot that is some 175 MB staying live while the
// report is written, on top of the report's own memory; two collections
// of what is left (the results, ~130 MB) cost a fraction of a second.
func releaseEvaluation() {
	runtime.GC()
	runtime.GC()
}

// explain says what the gate decided: when it failed, always, in one
// line on stderr (a CI log must say why the job is red, whatever the
// format); otherwise only to a person at a terminal, with where the
// report went.
func (ev *evaluator) explain(stderr io.Writer, d audit.Decision) error {
	where := "stdout"
	if ev.output != "" && ev.output != "-" {
		where = ev.output
	}
	if d.Failed {
		return &exitCodeError{code: exitFindings, msg: d.Explain(where)}
	}
	if !stderrIsTerminal() {
		return nil
	}
	if where != "stdout" {
		fmt.Fprintf(stderr, "rampart: report written to %s\n", where)
	}
	if line := d.Explain(where); line != "" {
		fmt.Fprintln(stderr, "rampart:", line)
	}
	return nil
}
