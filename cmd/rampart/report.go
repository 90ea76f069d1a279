package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
)

// newReportCmd renders an existing results file again in another format,
// so a scheduled scan and the monthly report are separate steps.
func newReportCmd() *cobra.Command {
	var format, output, previous string
	var policyDirs []string
	c := &cobra.Command{
		Use:   "report RESULTS.json",
		Short: "Build a report (html, pdf, ocsf, csv, ...) from a results file, without evaluating again",
		Long: "Build a report from the results of an earlier run (rampart eval|scan --format json):\n" +
			"the CISO audit report (html, pdf), events for a data lake (ocsf) or a spreadsheet (csv).\n" +
			"With --previous, the report says what is new and what is resolved since that earlier results file.\n\n" +
			"Exit codes: 0 written; 2 usage or input failure (nothing is written).",
		Args: exactlyOneFile,
		RunE: func(c *cobra.Command, args []string) error {
			ropts := reports.Options{Version: version, Provenance: &reports.Provenance{CommandLine: commandLine(c.Context())}}
			rep, err := reports.New(format, ropts)
			if err != nil {
				return fmt.Errorf("--format: %w", err)
			}
			if ch, ok := rep.(interface{ Check() error }); ok {
				if err := ch.Check(); err != nil {
					return err
				}
			}
			cur, err := results.ReadReport(args[0])
			if err != nil {
				return err
			}
			if previous != "" {
				prev, err := results.ReadReport(previous)
				if err != nil {
					return fmt.Errorf("--previous %w", err)
				}
				ropts.History = &reports.History{Changes: reports.ChangesBetween(prev, cur, "")}
			}
			// The built-in catalogue describes the controls (why each one
			// matters) where the results name them.
			cfg := clouds.DefaultConfig()
			engine, err := policies.New(c.Context(), policies.Options{PolicyDirs: policyDirs, Config: &cfg})
			if err != nil {
				return err
			}
			ropts.Rules = rules(engine.Controls())
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
	c.Flags().StringVarP(&format, "format", "f", "html", "report format: "+strings.Join(reports.Formats(), ", "))
	c.Flags().StringVarP(&output, "output", "o", "", "write the report to FILE (replaced only once the report is complete) instead of stdout")
	c.Flags().StringVar(&previous, "previous", "", "an earlier results FILE of the same accounts: the report lists what is new and resolved since")
	c.Flags().StringSliceVar(&policyDirs, "policy-dir", nil, "directory of additional Rego policies whose descriptions the report uses (repeatable)")
	return c
}
