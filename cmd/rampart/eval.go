package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
	"github.com/rampart-sec/rampart/waivers"
)

func init() { subcommands = append(subcommands, newEvalCmd) }

func newEvalCmd() *cobra.Command {
	var o evalOptions
	c := &cobra.Command{
		Use:   "eval FILE",
		Short: "Evaluate the controls over a snapshot file or a Terraform plan",
		Long: "Evaluate the controls over a rampart snapshot (from `rampart collect`) or the JSON of a\n" +
			"Terraform plan (`terraform show -json PLANFILE`), recognised by its content.\n\n" +
			"Exit codes: 0 ran and nothing at or above --fail-on; 1 findings at or above --fail-on;\n" +
			"2 usage, input, policy or collection failure.",
		Args: exactlyOneFile,
		RunE: func(c *cobra.Command, args []string) error {
			ev, err := o.prepare(c.Context())
			if err != nil {
				return err
			}
			opts := collectors.Options{AWSAccountIDs: ev.cfg.AWS.AccountIDs, Version: version}
			if !ev.now.IsZero() {
				// A plan without a timestamp (Terraform < 1.5) is dated
				// --now, so the same plan gives the same report.
				opts.Now = func() time.Time { return ev.now }
			}
			in, err := collectors.Open(args[0], opts)
			if err != nil {
				return err
			}
			return ev.run(c.Context(), c.OutOrStdout(), c.ErrOrStderr(), in, args[0])
		},
	}
	o.register(c.Flags())
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
}

func (o *evalOptions) register(fs *pflag.FlagSet) {
	fs.StringVarP(&o.format, "format", "f", "table", "report format: "+strings.Join(reports.Formats(), ", "))
	fs.StringVarP(&o.output, "output", "o", "", "write the report to FILE (replaced only once the report is complete) instead of stdout")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 when a FAIL at or above this severity exists: low, medium, high, critical")
	fs.StringSliceVar(&o.controls, "control", nil, "evaluate only these control IDs (comma-separated or repeated)")
	fs.StringVar(&o.configFile, "config", "", "YAML config file: thresholds, own and trusted accounts, admin roles")
	fs.StringVar(&o.now, "now", "", "RFC 3339 time to evaluate time-based controls at (default: the snapshot's collected_at)")
	fs.StringSliceVar(&o.policyDirs, "policy-dir", nil, "directory of additional Rego policies (repeatable)")
	fs.StringVar(&o.waivers, "waivers", "", "YAML waiver file: FAIL/ERROR results matching an unexpired waiver become WAIVED")
	fs.StringVar(&o.baseline, "baseline", "", "an earlier results FILE (written with --format json); with --new-only, findings already in it do not count for --fail-on")
	fs.BoolVar(&o.newOnly, "new-only", false, "only results absent from --baseline count for --fail-on")
	fs.StringVar(&o.tfDir, "tf-dir", "", "Terraform sources of the plan: SARIF results point at the resource blocks in it")
}

// evaluator is an evalOptions checked and turned into a ready engine. It is
// built before any collection so that a bad flag costs no API calls.
type evaluator struct {
	opts     *evalOptions
	cfg      config.Config
	engine   *policies.Engine
	reporter reports.Reporter
	failOn   results.Severity
	// now is --now, zero when not given.
	now      time.Time
	waivers  []waivers.Waiver
	baseline results.Baseline
}

func (o *evalOptions) prepare(ctx context.Context) (*evaluator, error) {
	ev := &evaluator{opts: o}
	if o.failOn != "" {
		sev, err := results.ParseSeverity(o.failOn)
		if err != nil {
			return nil, fmt.Errorf("--fail-on: %w", err)
		}
		ev.failOn = sev
	}
	if o.now != "" {
		t, err := time.Parse(time.RFC3339, o.now)
		if err != nil {
			return nil, fmt.Errorf("--now %q: expected an RFC 3339 time such as 2026-01-31T00:00:00Z", o.now)
		}
		ev.now = t.UTC()
	}
	cfg := config.Default()
	if o.configFile != "" {
		var err error
		if cfg, err = config.Load(o.configFile); err != nil {
			return nil, err
		}
	}
	ev.cfg = cfg
	if _, err := reports.New(o.format, reports.Options{}); err != nil {
		return nil, err
	}
	if o.newOnly != (o.baseline != "") {
		return nil, fmt.Errorf("--new-only and --baseline go together: --baseline names the earlier results, --new-only gates on what is not in them")
	}
	if o.baseline != "" {
		var err error
		if ev.baseline, err = results.ReadBaseline(o.baseline); err != nil {
			return nil, err
		}
	}
	var err error
	ev.engine, err = policies.New(ctx, policies.Options{PolicyDirs: o.policyDirs, Config: &cfg, Now: ev.now, Controls: o.controls})
	if err != nil {
		return nil, err
	}
	if o.waivers != "" {
		if ev.waivers, err = waivers.Load(o.waivers, ev.engine.Known); err != nil {
			return nil, err
		}
	}
	ropts := reports.Options{
		Color:   o.output == "" && isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "",
		Rules:   rules(ev.engine.Controls()),
		Version: version,
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
	if ev.reporter, err = reports.New(o.format, ropts); err != nil {
		return nil, err
	}
	return ev, nil
}

// waiversFor keeps the waivers of the controls evaluated on snap: a
// waiver for a control left out (by --control, or iac: N on a plan) is
// neither applied nor stale.
func (ev *evaluator) waiversFor(snap *snapshot.Snapshot) []waivers.Waiver {
	evaluated := map[string]bool{}
	for _, c := range ev.engine.Applicable(snap) {
		evaluated[c.ID] = true
	}
	var out []waivers.Waiver
	for _, w := range ev.waivers {
		if evaluated[w.Control] {
			out = append(out, w)
		}
	}
	return out
}

// rules is the controls' metadata for the reports that list rules.
func rules(cs []*policies.Control) map[string]results.Control {
	out := make(map[string]results.Control, len(cs))
	for _, c := range cs {
		out[c.ID] = c.Control
	}
	return out
}

// run evaluates an input, applies the waivers, writes the report and
// returns an exitCodeError when --fail-on is met (by new results only,
// with --new-only). Warnings about waivers go to stderr.
func (ev *evaluator) run(ctx context.Context, stdout, stderr io.Writer, input *collectors.Input, file string) error {
	snap := input.Snapshot
	in, err := policies.NewInput(snap, input.JSON)
	if err != nil {
		return err
	}
	rs, err := ev.engine.Evaluate(ctx, in)
	if err != nil {
		return err
	}
	if ws := ev.waiversFor(snap); len(ws) > 0 {
		outcome := waivers.Apply(rs, ws, ev.evaluatedAt(snap))
		for _, w := range outcome.Warnings() {
			fmt.Fprintln(stderr, "rampart:", w)
		}
	}
	digest := input.Digest
	if digest == "" {
		raw, _ := jsonOf(snap)
		digest = snapshot.Digest(raw)
	}
	report := ev.report(snap, digest, file, rs)
	if err := ev.write(stdout, report); err != nil {
		return err
	}
	gated := report.Results
	if ev.baseline != nil {
		gated = ev.baseline.New(gated)
	}
	if ev.failOn != 0 && results.AtOrAbove(gated, ev.failOn) {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

func (ev *evaluator) report(snap *snapshot.Snapshot, digest, file string, rs []results.Result) *results.Report {
	var infos []results.Control
	for _, c := range ev.engine.Applicable(snap) {
		infos = append(infos, c.Control)
	}
	if rs == nil {
		rs = []results.Result{}
	}
	return &results.Report{
		Schema: results.Schema,
		Snapshot: results.SnapshotInfo{
			File: file, Digest: digest, CollectedAt: snap.CollectedAt,
			EvaluatedAt: ev.evaluatedAt(snap), Source: snap.Source, Scopes: snap.Scopes,
			CollectionErrors: len(snap.Errors),
		},
		Summary: results.Summarize(infos, rs),
		Results: rs,
	}
}

// evaluatedAt is the "now" the time-based controls used.
func (ev *evaluator) evaluatedAt(snap *snapshot.Snapshot) time.Time {
	if !ev.now.IsZero() {
		return ev.now
	}
	return snap.CollectedAt.UTC()
}

// write renders the whole report in memory first, then writes it: to
// stdout, or to --output through a temporary file renamed into place, so a
// failure never leaves a partial report over a previous good one.
func (ev *evaluator) write(stdout io.Writer, r *results.Report) error {
	var buf bytes.Buffer
	if err := ev.reporter.Write(&buf, r); err != nil {
		return err
	}
	if ev.opts.output == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(ev.opts.output, buf.Bytes())
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("--output %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("--output %s: %w", path, err)
	}
	// CreateTemp makes the file 0600; a report or snapshot is written with
	// the usual 0644 (less the umask) like any other output file.
	if err := tmp.Chmod(os.FileMode(0o644 &^ umask())); err != nil {
		tmp.Close()
		return fmt.Errorf("--output %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--output %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--output %s: %w", path, err)
	}
	return nil
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func jsonOf(s *snapshot.Snapshot) ([]byte, error) {
	var b bytes.Buffer
	err := snapshot.Encode(&b, s)
	return b.Bytes(), err
}
