package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rampart-sec/rampart/audit"
	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/snapshot"
)

// newCollectCmd and newScanCmd hold one subcommand per cloud of
// clouds.All, each built from the cloud's collector by the builders below.
func newCollectCmd() *cobra.Command {
	c := &cobra.Command{Use: "collect", Short: "Collect a snapshot of a cloud (read-only)"}
	for _, cl := range clouds.All() {
		c.AddCommand(newCollectCloudCmd(cl.Collector()))
	}
	return c
}

func newScanCmd() *cobra.Command {
	c := &cobra.Command{Use: "scan", Short: "Collect a snapshot of a cloud and evaluate the controls over it"}
	for _, cl := range clouds.All() {
		c.AddCommand(newScanCloudCmd(cl.Collector()))
	}
	return c
}

// collectFlags are the flags every collect and scan command has besides
// the collector's own.
type collectFlags struct {
	quiet bool
	// savedTo is the file the snapshot is written to, "" when none.
	savedTo string
}

// collect runs col with progress on stderr for a person watching (not in
// CI logs or pipes), and says how many calls failed.
func (f *collectFlags) collect(c *cobra.Command, col collectors.Collector, cfg config.Config, owns func(string) bool) (*snapshot.Snapshot, error) {
	stderr := c.ErrOrStderr()
	env := collectors.Env{Version: shortVersion(), Config: cfg, Warn: stderr, Owns: owns}
	stopLive := func() {}
	if !f.quiet && stderrIsTerminal() {
		// A live line, redrawn four times a second, and the collector's
		// messages above it; nothing of it in CI logs or pipes.
		env.Meter = &collectors.Meter{}
		live := newLiveLine(stderr, col.Name(), env.Meter, time.Now, terminalWidth())
		env.Progress = live.message
		ticker := time.NewTicker(250 * time.Millisecond)
		stop, done := make(chan struct{}), make(chan struct{})
		go func() { live.run(ticker.C, stop); close(done) }()
		stopLive = func() { ticker.Stop(); close(stop); <-done }
	}
	s, err := col.Collect(c.Context(), env)
	stopLive()
	if err != nil {
		return nil, err
	}
	if n := len(s.Errors); n > 0 && !f.quiet {
		where := "the report lists them by cause"
		if f.savedTo != "" && f.savedTo != "-" {
			where = "rampart errors " + f.savedTo + " lists them by cause"
		}
		fmt.Fprintf(stderr, "rampart: %d call%s did not return data; the controls that need it report ERROR (%s)\n", n, plural(n), where)
	}
	return s, nil
}

func newCollectCloudCmd(col collectors.Collector) *cobra.Command {
	var f collectFlags
	var output, cfgFile string
	short, long := col.Help()
	c := &cobra.Command{
		Use:   col.Name(),
		Short: "Collect " + short + " into a snapshot",
		Long:  long,
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cfgFile)
			if err != nil {
				return err
			}
			f.savedTo = output
			s, err := f.collect(c, col, cfg, nil)
			if err != nil {
				return err
			}
			data, err := snapshot.Marshal(s)
			if err != nil {
				return err
			}
			return writeOutput("--output", output, c.OutOrStdout(), data)
		},
	}
	c.Flags().StringVarP(&output, "output", "o", "", "write the snapshot to FILE (default: stdout)")
	c.Flags().StringVar(&cfgFile, "config", "", "YAML config file (the cloud's section may tune collection)")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "no progress on stderr")
	col.RegisterFlags(c.Flags())
	return c
}

func newScanCloudCmd(col collectors.Collector) *cobra.Command {
	var f collectFlags
	var eo evalOptions
	var snapshotFile string
	short, long := col.Help()
	c := &cobra.Command{
		Use:   col.Name(),
		Short: "Collect " + short + " and evaluate the controls (collect " + col.Name() + " + eval)",
		Long: long + "\n\nThen evaluate as `rampart eval` does, with the flags of both.\n\n" +
			"Exit codes: 0 ran and nothing at or above --fail-on; 1 findings at or above --fail-on;\n" +
			"2 usage, input, policy or collection failure.",
		Args: storeArgs(cobra.NoArgs, 0),
		RunE: func(c *cobra.Command, _ []string) error {
			// Flags and policies are checked before any API call.
			ev, err := eo.prepare(c.Context(), c.ErrOrStderr())
			if err != nil {
				return err
			}
			f.savedTo = snapshotFile
			s, err := f.collect(c, col, ev.config, ev.rec.owns())
			if err != nil {
				return err
			}
			in, err := audit.InputOf(s)
			if err != nil {
				return err
			}
			if err := ev.rec.checkShard(col.Name(), in); err != nil {
				return err
			}
			in.Shard = ev.rec.shard.String()
			if snapshotFile != "" {
				if err := writeFileAtomic("--snapshot", snapshotFile, in.JSON); err != nil {
					return err
				}
			}
			return ev.run(c.Context(), c.OutOrStdout(), c.ErrOrStderr(), in, snapshotFile)
		},
	}
	eo.register(c.Flags(), false)
	eo.store.register(c.Flags(), true)
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "no progress on stderr")
	c.Flags().StringVar(&snapshotFile, "snapshot", "", "also write the collected snapshot to FILE")
	col.RegisterFlags(c.Flags())
	return c
}
