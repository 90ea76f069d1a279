package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/policies"
)

func newPolicyCmd() *cobra.Command {
	var dirs []string
	c := &cobra.Command{Use: "policy", Short: "List, show, document and test the controls"}
	c.PersistentFlags().StringArrayVar(&dirs, "policy-dir", nil, "directory of additional Rego policies (repeatable)")
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
			// Plain aligned columns: a table library cost more to compile
			// than the whole command.
			tw := tabwriter.NewWriter(c.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE\tFRAMEWORKS")
			for _, ctl := range controls {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ctl.ID, ctl.Severity, ctl.Title, ctl.FrameworkRefs())
			}
			return tw.Flush()
		},
	})
	c.AddCommand(&cobra.Command{
		Use:   "show ID",
		Short: "Show a control's metadata and remediation (IDs in any case)",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("%s: expected one control ID, got %d arguments (rampart policy list shows the IDs)", c.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			controls, err := load(c)
			if err != nil {
				return err
			}
			ctl, err := findControl(controls, args[0])
			if err != nil {
				return fmt.Errorf("%s: %w", c.CommandPath(), err)
			}
			showControl(c.OutOrStdout(), ctl)
			return nil
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

// findControl looks a control up by ID in any case (--fail-on takes
// HIGH; a person types IDs as they read them), suggesting IDs that share
// a word with an unknown one.
func findControl(controls []*policies.Control, id string) (*policies.Control, error) {
	for _, ctl := range controls {
		if strings.EqualFold(ctl.ID, id) {
			return ctl, nil
		}
	}
	var near []string
	for _, ctl := range controls {
		for _, word := range strings.Split(strings.ToLower(id), "-") {
			if len(word) > 3 && strings.Contains(ctl.ID, word) {
				near = append(near, ctl.ID)
				break
			}
		}
	}
	msg := fmt.Sprintf("unknown control %q", id)
	if len(near) > 0 {
		if len(near) > 5 {
			near = append(near[:5], "…")
		}
		msg += " (did you mean " + strings.Join(near, ", ") + "?)"
	}
	return nil, fmt.Errorf("%s: rampart policy list shows the IDs", msg)
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
