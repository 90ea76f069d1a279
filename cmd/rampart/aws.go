package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/collectors"
	awscollector "github.com/rampart-sec/rampart/collectors/aws"
	"github.com/rampart-sec/rampart/snapshot"
)

// The collect and scan parents take one subcommand per cloud; the AWS ones
// are defined here, others add themselves to these lists.
var (
	collectSubcommands []func() *cobra.Command
	scanSubcommands    []func() *cobra.Command
)

func init() {
	collectSubcommands = append(collectSubcommands, newCollectAWSCmd)
	scanSubcommands = append(scanSubcommands, newScanAWSCmd)
	subcommands = append(subcommands, newCollectCmd, newScanCmd)
}

func newCollectCmd() *cobra.Command {
	c := &cobra.Command{Use: "collect", Short: "Collect a snapshot of a cloud (read-only)"}
	for _, sub := range collectSubcommands {
		c.AddCommand(sub())
	}
	return c
}

func newScanCmd() *cobra.Command {
	c := &cobra.Command{Use: "scan", Short: "Collect a snapshot of a cloud and evaluate the controls over it"}
	for _, sub := range scanSubcommands {
		c.AddCommand(sub())
	}
	return c
}

// awsOptions are the flags that say what to collect from AWS, shared by
// collect aws and scan aws.
type awsOptions struct {
	profile, roleName, externalID string
	regions                       []string
	org, quiet                    bool
	parallel                      int
	gaad, credReport, accountID   string
}

func (o *awsOptions) register(fs *pflag.FlagSet) {
	fs.StringVar(&o.profile, "profile", "", "AWS shared-config profile (default: the SDK's chain: environment, AWS_PROFILE, SSO, ...)")
	fs.StringSliceVar(&o.regions, "regions", nil, "collect only these regions (comma-separated; default: every enabled region)")
	fs.BoolVar(&o.org, "org", false, "collect every active account of the organization by assuming --role-name in it")
	fs.StringVar(&o.roleName, "role-name", awscollector.DefaultRoleName, "role to assume in member accounts with --org")
	fs.StringVar(&o.externalID, "external-id", "", "external ID to pass when assuming --role-name")
	fs.IntVar(&o.parallel, "parallel", 8, "accounts collected at once with --org")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress on stderr")
	fs.StringVar(&o.gaad, "gaad", "", "offline: `FILE` written by aws iam get-account-authorization-details (JSON)")
	fs.StringVar(&o.credReport, "credential-report", "", "offline: `FILE` holding the IAM credential report (CSV, or base64 as the CLI prints it)")
	fs.StringVar(&o.accountID, "account-id", "", "offline: the `ID` of the account the evidence files come from (default: read from their ARNs)")
}

// collect runs the live collector, or builds a snapshot from offline
// evidence when --gaad or --credential-report is given.
func (o *awsOptions) collect(ctx context.Context, stderr io.Writer) (*snapshot.Snapshot, error) {
	offline := o.gaad != "" || o.credReport != ""
	if offline {
		if o.gaad == "" || o.credReport == "" {
			return nil, fmt.Errorf("offline evidence needs both --gaad and --credential-report")
		}
		if o.org || len(o.regions) > 0 || o.profile != "" {
			return nil, fmt.Errorf("--gaad/--credential-report build a snapshot from files: --org, --regions and --profile do not apply")
		}
		gaad, err := os.ReadFile(o.gaad)
		if err != nil {
			return nil, fmt.Errorf("--gaad: %w", err)
		}
		rep, err := os.ReadFile(o.credReport)
		if err != nil {
			return nil, fmt.Errorf("--credential-report: %w", err)
		}
		return awscollector.FromEvidence(awscollector.Evidence{
			GAAD: gaad, GAADFile: o.gaad, CredentialReport: rep, CredentialReportFile: o.credReport,
			AccountID: o.accountID, Version: version,
		})
	}
	if o.accountID != "" {
		return nil, fmt.Errorf("--account-id applies to offline evidence (--gaad, --credential-report) only")
	}
	if o.parallel < 1 {
		return nil, fmt.Errorf("--parallel must be at least 1")
	}
	opts := awscollector.Options{
		Profile: o.profile, Regions: o.regions, Org: o.org, RoleName: o.roleName, ExternalID: o.externalID,
		Parallel: o.parallel, Version: version,
	}
	// Progress only for a person watching: not in CI logs or pipes.
	if !o.quiet && isTerminal(os.Stderr) {
		opts.Progress = func(msg string) { fmt.Fprintln(stderr, "rampart:", msg) }
	}
	s, err := awscollector.Collect(ctx, opts)
	if err != nil {
		return nil, err
	}
	if n := len(s.Errors); n > 0 && !o.quiet {
		fmt.Fprintf(stderr, "rampart: %d collection errors recorded in the snapshot; the controls that need that data report ERROR\n", n)
	}
	return s, nil
}

func newCollectAWSCmd() *cobra.Command {
	var o awsOptions
	var output string
	c := &cobra.Command{
		Use:   "aws",
		Short: "Collect AWS accounts (or a whole organization) into a snapshot",
		Long: "Collect the caller's AWS account, or with --org every account of the organization, into a snapshot,\n" +
			"with read-only calls only (see collectors/aws/iam-policy.json). Credentials come from the AWS SDK's\n" +
			"standard chain; AWS_ENDPOINT_URL is honoured. Failed calls are recorded in the snapshot, never dropped.\n\n" +
			"Offline: --gaad FILE --credential-report FILE [--account-id ID] builds the snapshot from exported files.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			s, err := o.collect(c.Context(), c.ErrOrStderr())
			if err != nil {
				return err
			}
			data, err := jsonOf(s)
			if err != nil {
				return err
			}
			if output == "" || output == "-" {
				_, err = c.OutOrStdout().Write(data)
				return err
			}
			return writeFileAtomic(output, data)
		},
	}
	c.Flags().StringVarP(&output, "output", "o", "", "write the snapshot to FILE (default: stdout)")
	o.register(c.Flags())
	return c
}

func newScanAWSCmd() *cobra.Command {
	var o awsOptions
	var eo evalOptions
	var snapshotFile string
	c := &cobra.Command{
		Use:   "aws",
		Short: "Collect AWS and evaluate the controls (collect aws + eval)",
		Long: "Collect AWS as `rampart collect aws` does, then evaluate as `rampart eval` does, with the flags of both.\n\n" +
			"Exit codes: 0 ran and nothing at or above --fail-on; 1 findings at or above --fail-on;\n" +
			"2 usage, input, policy or collection failure.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			// Flags and policies are checked before any API call.
			ev, err := eo.prepare(c.Context())
			if err != nil {
				return err
			}
			s, err := o.collect(c.Context(), c.ErrOrStderr())
			if err != nil {
				return err
			}
			raw, err := jsonOf(s)
			if err != nil {
				return err
			}
			if snapshotFile != "" {
				if err := writeFileAtomic(snapshotFile, raw); err != nil {
					return err
				}
			}
			in := &collectors.Input{Snapshot: s, JSON: raw, Digest: snapshot.Digest(raw)}
			return ev.run(c.Context(), c.OutOrStdout(), c.ErrOrStderr(), in, snapshotFile)
		},
	}
	eo.register(c.Flags())
	o.register(c.Flags())
	c.Flags().StringVar(&snapshotFile, "snapshot", "", "also write the collected snapshot to FILE")
	return c
}
