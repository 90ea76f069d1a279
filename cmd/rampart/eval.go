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
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func init() { subcommands = append(subcommands, newEvalCmd) }

func newEvalCmd() *cobra.Command {
	var o evalOptions
	c := &cobra.Command{
		Use:   "eval FILE",
		Short: "Evaluate the controls over a snapshot file",
		Long: "Evaluate the controls over a rampart snapshot (from `rampart collect`).\n\n" +
			"Exit codes: 0 ran and nothing at or above --fail-on; 1 findings at or above --fail-on;\n" +
			"2 usage, input, policy or collection failure.",
		Args: exactlyOneFile,
		RunE: func(c *cobra.Command, args []string) error {
			ev, err := o.prepare(c.Context())
			if err != nil {
				return err
			}
			snap, raw, err := collectors.Open(args[0])
			if err != nil {
				return err
			}
			return ev.run(c.Context(), c.OutOrStdout(), snap, raw, args[0])
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
}

func (o *evalOptions) register(fs *pflag.FlagSet) {
	fs.StringVarP(&o.format, "format", "f", "table", "report format: "+strings.Join(reports.Formats(), ", "))
	fs.StringVarP(&o.output, "output", "o", "", "write the report to FILE (replaced only once the report is complete) instead of stdout")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 when a FAIL at or above this severity exists: low, medium, high, critical")
	fs.StringSliceVar(&o.controls, "control", nil, "evaluate only these control IDs (comma-separated or repeated)")
	fs.StringVar(&o.configFile, "config", "", "YAML config file: thresholds, own and trusted accounts, admin roles")
	fs.StringVar(&o.now, "now", "", "RFC 3339 time to evaluate time-based controls at (default: the snapshot's collected_at)")
	fs.StringSliceVar(&o.policyDirs, "policy-dir", nil, "directory of additional Rego policies (repeatable)")
}

// evaluator is an evalOptions checked and turned into a ready engine. It is
// built before any collection so that a bad flag costs no API calls.
type evaluator struct {
	opts     *evalOptions
	engine   *policies.Engine
	reporter reports.Reporter
	failOn   results.Severity
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
	var now time.Time
	if o.now != "" {
		t, err := time.Parse(time.RFC3339, o.now)
		if err != nil {
			return nil, fmt.Errorf("--now %q: expected an RFC 3339 time such as 2026-01-31T00:00:00Z", o.now)
		}
		now = t
	}
	cfg := config.Default()
	if o.configFile != "" {
		var err error
		if cfg, err = config.Load(o.configFile); err != nil {
			return nil, err
		}
	}
	color := o.output == "" && isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == ""
	rep, err := reports.New(o.format, reports.Options{Color: color})
	if err != nil {
		return nil, err
	}
	ev.reporter = rep
	ev.engine, err = policies.New(ctx, policies.Options{PolicyDirs: o.policyDirs, Config: &cfg, Now: now, Controls: o.controls})
	if err != nil {
		return nil, err
	}
	return ev, nil
}

// run evaluates a snapshot (raw: the bytes it was read from, or nil),
// writes the report and returns an exitCodeError when --fail-on is met.
func (ev *evaluator) run(ctx context.Context, stdout io.Writer, snap *snapshot.Snapshot, raw []byte, file string) error {
	in, err := policies.NewInput(snap, raw)
	if err != nil {
		return err
	}
	rs, err := ev.engine.Evaluate(ctx, in)
	if err != nil {
		return err
	}
	if raw == nil {
		raw, _ = jsonOf(snap)
	}
	report := ev.report(snap, raw, file, rs)
	if err := ev.write(stdout, report); err != nil {
		return err
	}
	if ev.failOn != 0 && results.AtOrAbove(report.Results, ev.failOn) {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

func (ev *evaluator) report(snap *snapshot.Snapshot, raw []byte, file string, rs []results.Result) *results.Report {
	var infos []results.ControlInfo
	for _, c := range ev.engine.Applicable(snap) {
		infos = append(infos, results.ControlInfo{ID: c.ID, Title: c.Title, Severity: c.Severity})
	}
	if rs == nil {
		rs = []results.Result{}
	}
	return &results.Report{
		Schema: results.Schema,
		Snapshot: results.SnapshotInfo{
			File: file, Digest: snapshot.Digest(raw), CollectedAt: snap.CollectedAt,
			EvaluatedAt: ev.evaluatedAt(snap), Source: snap.Source, Scopes: snap.Scopes,
			CollectionErrors: len(snap.Errors),
		},
		Summary: results.Summarize(infos, rs),
		Results: rs,
	}
}

// evaluatedAt is the "now" the time-based controls used.
func (ev *evaluator) evaluatedAt(snap *snapshot.Snapshot) time.Time {
	if ev.opts.now != "" {
		t, _ := time.Parse(time.RFC3339, ev.opts.now)
		return t.UTC()
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
