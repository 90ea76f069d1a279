package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/rampart-sec/rampart/audit"
	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
)

func init() { subcommands = append(subcommands, newErrorsCmd) }

func newErrorsCmd() *cobra.Command {
	var format, cfgFile string
	c := &cobra.Command{
		Use:   "errors FILE",
		Short: "List the collection errors of a snapshot or plan, grouped by cause, with the next step",
		Long: "List the calls that did not return their data (and the values a plan leaves unknown until apply),\n" +
			"grouped by cause: where it happened, the provider's message and what to do (the permission to grant,\n" +
			"the region to enable). The controls that need that data report ERROR; rampart eval FILE says which.",
		Args: exactlyOneFile,
		RunE: func(c *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return fmt.Errorf("--format: unknown format %q: expected table or json", format)
			}
			cfg, err := loadConfig(cfgFile)
			if err != nil {
				return err
			}
			in, err := collectors.Open(args[0], clouds.Importers(), collectors.Env{Version: shortVersion(), Config: cfg})
			if err != nil {
				return err
			}
			s := in.Snapshot
			errs := audit.Errors(s)
			r := &results.Report{
				Snapshot: results.SnapshotInfo{File: args[0], Digest: in.Digest, CollectedAt: s.CollectedAt, Source: s.Source,
					Scopes: s.Scopes, Undated: in.Undated, CollectionErrors: len(errs)},
				Errors: errs,
			}
			w := bufio.NewWriter(c.OutOrStdout())
			opts := reports.Options{Width: terminalWidth(), Hint: clouds.Hint,
				Color: isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == ""}
			if err := reports.WriteErrors(w, r, format, opts); err != nil {
				return err
			}
			return w.Flush()
		},
	}
	c.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	c.Flags().StringVar(&cfgFile, "config", "", "YAML config file (plans read the account from it)")
	return c
}
