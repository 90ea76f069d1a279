package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
)

// newReportCmd builds a report from the history store or from a results
// file, without evaluating again: a nightly scan and the monthly report
// are separate steps.
func newReportCmd() *cobra.Command {
	var format, output, previous, store, scan string
	var policyDirs []string
	var days int
	c := &cobra.Command{
		Use:   "report [RESULTS.json]",
		Short: "Build a report (html, pdf, ocsf, csv, ...) from the history store or a results file",
		Long: "Build a report without evaluating again: the CISO audit report (html, pdf), events for a\n" +
			"data lake (ocsf) or a spreadsheet (csv).\n\n" +
			"Without RESULTS.json it reads the history store (--store, $" + history.EnvStore + ", or the default\n" +
			"SQLite file): the newest scan or run, or --scan ID; the report then says what is new and\n" +
			"resolved since the previous scan of the same accounts, and draws the trend of the last --days.\n" +
			"With RESULTS.json (rampart eval|scan --format json) it renders that file; --previous names an\n" +
			"earlier results file to compare with.\n\n" +
			"Exit codes: 0 written; 2 usage or input failure (nothing is written).",
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			fromFile := len(args) == 1
			switch {
			case fromFile && (store != "" || scan != ""):
				return fmt.Errorf("--store and --scan read the history store: give either RESULTS.json or the store, not both")
			case !fromFile && previous != "":
				return fmt.Errorf("--previous compares results files: from the store, the previous scan is found by itself")
			case days < 1:
				return fmt.Errorf("--days %d: expected 1 or more", days)
			}
			ropts := reports.Options{Version: shortVersion(), Provenance: &reports.Provenance{CommandLine: commandLine(c.Context())}}
			rep, err := reports.New(format, ropts)
			if err != nil {
				return fmt.Errorf("--format: %w", err)
			}
			if ch, ok := rep.(interface{ Check() error }); ok {
				if err := ch.Check(); err != nil {
					return err
				}
			}
			// The catalogue describes the controls (why each one matters)
			// where the results name them.
			cfg := clouds.DefaultConfig()
			engine, err := policies.New(c.Context(), policies.Options{PolicyDirs: policyDirs, Config: &cfg})
			if err != nil {
				return err
			}
			ropts.Rules = rules(engine.Controls())
			var cur *results.Report
			if fromFile {
				if cur, err = results.ReadReport(args[0]); err != nil {
					return err
				}
				if previous != "" {
					prev, err := results.ReadReport(previous)
					if err != nil {
						return fmt.Errorf("--previous %w", err)
					}
					ropts.History = &reports.History{Changes: reports.ChangesBetween(prev, cur, "")}
				}
			} else {
				dsn := store
				if dsn == "" {
					dsn = os.Getenv(history.EnvStore)
				}
				st, err := history.Open(c.Context(), dsn)
				if err != nil {
					return err
				}
				defer st.Close()
				sr, err := fromStore(c.Context(), st, scan, days, ropts.Rules)
				if err != nil {
					return err
				}
				cur, ropts.History = sr.report, sr.history
				prov := sr.provenance
				prov.CommandLine = ropts.Provenance.CommandLine
				ropts.Provenance = &prov
			}
			if rep, err = reports.New(format, ropts); err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := rep.Write(&buf, cur); err != nil {
				return err
			}
			return writeOutput("--output", output, c.OutOrStdout(), buf.Bytes())
		},
	}
	fs := c.Flags()
	fs.StringVarP(&format, "format", "f", "html", "report format: "+strings.Join(reports.Formats(), ", "))
	fs.StringVarP(&output, "output", "o", "", "write the report to FILE (replaced only once the report is complete) instead of stdout")
	fs.StringVar(&store, "store", "", "the history store: a SQLite FILE or a postgres:// DSN (default: $"+history.EnvStore+", else ~/.local/share/rampart/history.db)")
	fs.StringVar(&scan, "scan", "", "the stored scan ID or run ID to report on (default: the newest; rampart history lists them)")
	fs.IntVar(&days, "days", 30, "days of trend drawn from the store, ending on the scan's day")
	fs.StringVar(&previous, "previous", "", "with RESULTS.json: an earlier results FILE of the same accounts, to list what is new and resolved since")
	fs.StringArrayVar(&policyDirs, "policy-dir", nil, "directory of additional Rego policies whose descriptions the report uses (repeatable)")
	return c
}
