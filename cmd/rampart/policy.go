package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"

	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/policies"
)

func newPolicyCmd() *cobra.Command {
	var dirs []string
	c := &cobra.Command{Use: "policy", Short: "List, show, document and test the controls"}
	c.PersistentFlags().StringSliceVar(&dirs, "policy-dir", nil, "directory of additional Rego policies (repeatable)")
	load := func(c *cobra.Command) ([]*policies.Control, error) {
		cfg := clouds.DefaultConfig()
		e, err := policies.New(c.Context(), policies.Options{PolicyDirs: dirs, Config: &cfg})
		if err != nil {
			return nil, err
		}
		return e.Controls(), nil
	}
	c.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the controls: id, severity, title, frameworks",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			controls, err := load(c)
			if err != nil {
				return err
			}
			tbl := tablewriter.NewTable(c.OutOrStdout())
			tbl.Header("ID", "Severity", "Title", "Frameworks")
			for _, ctl := range controls {
				if err := tbl.Append([]string{ctl.ID, ctl.Severity.String(), ctl.Title, ctl.FrameworkRefs()}); err != nil {
					return err
				}
			}
			return tbl.Render()
		},
	})
	c.AddCommand(&cobra.Command{
		Use:   "show ID",
		Short: "Show a control's metadata and remediation",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			controls, err := load(c)
			if err != nil {
				return err
			}
			for _, ctl := range controls {
				if ctl.ID == args[0] {
					showControl(c.OutOrStdout(), ctl)
					return nil
				}
			}
			return &policies.UnknownControlError{IDs: args}
		},
	})
	var out string
	doc := &cobra.Command{
		Use:   "doc",
		Short: "Write the control reference (docs/controls.md)",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			controls, err := load(c)
			if err != nil {
				return err
			}
			var b strings.Builder
			policies.WriteReference(&b, controls)
			return writeOutput("--output", out, c.OutOrStdout(), []byte(b.String()))
		},
	}
	doc.Flags().StringVarP(&out, "output", "o", "docs/controls.md", "file to write, or - for stdout")
	c.AddCommand(doc)
	c.AddCommand(&cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests of the built-in policies and of DIRs",
		Long: "Run the _test.rego files of the built-in policies and of each DIR (and --policy-dir), compiled\n" +
			"as a scan compiles them: same capabilities, schema type-checking and default configuration.\n" +
			"Prints one line per failing test and a summary.\n\n" +
			"Exit codes: 0 every test passed; 1 a test failed; 2 a policy does not load.",
		RunE: func(c *cobra.Command, args []string) error {
			cfg := clouds.DefaultConfig()
			sum, err := policies.RunTests(c.Context(), policies.TestOptions{PolicyDirs: slices.Concat(dirs, args), Config: &cfg}, c.OutOrStdout())
			if err != nil {
				return err
			}
			if sum.Failed > 0 {
				return &exitCodeError{code: exitFindings}
			}
			return nil
		},
	})
	return c
}

func showControl(w io.Writer, c *policies.Control) {
	fmt.Fprintf(w, "%s  (%s)\n%s\n\n", c.ID, c.Severity, c.Title)
	if c.Description != "" {
		fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(c.Description))
	}
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-12s %s\n", name+":", value)
		}
	}
	field("Frameworks", c.FrameworkRefs())
	field("MITRE", strings.Join(c.MITRE, ", "))
	field("Escalation", c.Escalation)
	field("Requires", strings.Join(c.Requires, ", "))
	field("From plans", map[string]string{"Y": "yes", "P": "partly", "N": "no (live snapshots only)"}[c.IaC])
	field("Source", c.File)
	if c.Remediation != "" {
		fmt.Fprintf(w, "\nRemediation:\n%s\n", indent(strings.TrimSpace(c.Remediation)))
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}
