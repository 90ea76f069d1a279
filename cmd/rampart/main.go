// Command rampart audits cloud identity posture: it collects or reads a
// snapshot, evaluates the Rego controls over it and reports the results.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes, the contract with CI systems.
const (
	exitOK       = 0 // ran; nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitError    = 2 // usage, input, policy or collection failure
)

// version is set at build time with -ldflags "-X main.version=...";
// left empty, it comes from the build information (see versionString).
var version = ""

// exitCodeError carries an exit code other than exitError up to main.
type exitCodeError struct {
	code int
	msg  string
}

func (e *exitCodeError) Error() string { return e.msg }

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the CLI and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ctx = context.WithValue(ctx, commandLineKey{}, append([]string{"rampart"}, args...))
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if ec.msg != "" {
			fmt.Fprintln(stderr, prefixed(ec.msg))
		}
		return ec.code
	}
	fmt.Fprintln(stderr, prefixed(err.Error()))
	return exitError
}

// prefixed says who speaks: "rampart: " before a message, unless it
// already names the command ("rampart eval: unknown flag ...").
func prefixed(msg string) string {
	if strings.HasPrefix(msg, "rampart ") || strings.HasPrefix(msg, "rampart:") {
		return msg
	}
	return "rampart: " + msg
}

// commandLineKey holds the command line in the context, for the reports
// that print it as evidence.
type commandLineKey struct{}

// commandLine is the command as typed, program name first; nil when not
// run through run.
func commandLine(ctx context.Context) []string {
	args, _ := ctx.Value(commandLineKey{}).([]string)
	return args
}

// subcommands are rampart's commands, in the order help lists them.
var subcommands = []func() *cobra.Command{
	newEvalCmd, newCollectCmd, newScanCmd, newHistoryCmd, newDiffCmd, newTrendCmd, newStoreCmd, newReportCmd, newPolicyCmd, newVersionCmd,
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "rampart",
		Short:         "Cloud identity posture and hardening auditor",
		Long:          "rampart evaluates identity hardening controls (MFA, root use, unused roles, cross-account and OIDC trust,\nlong-lived credentials, logging and detection) over a snapshot of your clouds or a Terraform plan.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionString(),
	}
	root.SetVersionTemplate("rampart {{.Version}}\n")
	root.PersistentPreRunE = refuseOverwritingInputs
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%s: %w (see %s --help)", c.CommandPath(), err, c.CommandPath())
	})
	for _, sub := range subcommands {
		root.AddCommand(sub())
	}
	return root
}
