package aws

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/snapshot"
)

// Collector is AWS as a collectors.Collector: its flags say what to
// collect (one account, an organization, or offline evidence files).
type Collector struct {
	profile, roleName, externalID string
	regions                       []string
	org                           bool
	parallel                      int
	gaad, credReport, accountID   string
}

// New returns the AWS collector with its flags at their defaults.
func New() *Collector { return &Collector{} }

// Name implements collectors.Collector.
func (*Collector) Name() string { return "aws" }

// Help implements collectors.Collector.
func (*Collector) Help() (short, long string) {
	return "AWS accounts (or a whole organization)",
		"Collect the caller's AWS account, or with --org every account of the organization, with read-only\n" +
			"calls only (see collectors/aws/iam-policy.json). Credentials come from the AWS SDK's standard chain;\n" +
			"AWS_ENDPOINT_URL is honoured. Failed calls are recorded in the snapshot, never dropped.\n\n" +
			"Offline: --gaad FILE --credential-report FILE [--account-id ID] builds the snapshot from exported files."
}

// RegisterFlags implements collectors.Collector.
func (c *Collector) RegisterFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.profile, "profile", "", "AWS shared-config profile (default: the SDK's chain: environment, AWS_PROFILE, SSO, ...)")
	fs.StringSliceVar(&c.regions, "regions", nil, "collect only these regions (comma-separated; default: every enabled region)")
	fs.BoolVar(&c.org, "org", false, "collect every active account of the organization by assuming --role-name in it")
	fs.StringVar(&c.roleName, "role-name", DefaultRoleName, "role to assume in member accounts with --org")
	fs.StringVar(&c.externalID, "external-id", "", "external ID to pass when assuming --role-name")
	fs.IntVar(&c.parallel, "parallel", 8, "accounts collected at once with --org")
	fs.StringVar(&c.gaad, "gaad", "", "offline: `FILE` written by aws iam get-account-authorization-details (JSON)")
	fs.StringVar(&c.credReport, "credential-report", "", "offline: `FILE` holding the IAM credential report (CSV, or base64 as the CLI prints it)")
	fs.StringVar(&c.accountID, "account-id", "", "offline: the `ID` of the account the evidence files come from (default: read from their ARNs)")
}

// Collect implements collectors.Collector: the live collector, or a
// snapshot built from offline evidence when --gaad or
// --credential-report is given.
func (c *Collector) Collect(ctx context.Context, env collectors.Env) (*snapshot.Snapshot, error) {
	if c.gaad != "" || c.credReport != "" {
		return c.fromEvidence(env)
	}
	if c.accountID != "" {
		return nil, fmt.Errorf("--account-id applies to offline evidence (--gaad, --credential-report) only")
	}
	if c.parallel < 1 {
		return nil, fmt.Errorf("--parallel must be at least 1")
	}
	opts := Options{
		Profile: c.profile, Regions: c.regions, Org: c.org, RoleName: c.roleName, ExternalID: c.externalID,
		Parallel: c.parallel, Version: env.Version, Now: env.Now, Owns: env.Owns, Meter: env.Meter,
	}
	if env.Progress != nil {
		opts.Progress = func(msg string) { env.Progress("%s", msg) }
	}
	if env.Warn != nil {
		opts.Warn = func(msg string) { fmt.Fprintln(env.Warn, "rampart:", msg) }
	}
	return Collect(ctx, opts)
}

func (c *Collector) fromEvidence(env collectors.Env) (*snapshot.Snapshot, error) {
	if c.gaad == "" || c.credReport == "" {
		return nil, fmt.Errorf("offline evidence needs both --gaad and --credential-report")
	}
	if c.org || len(c.regions) > 0 || c.profile != "" {
		return nil, fmt.Errorf("--gaad/--credential-report build a snapshot from files: --org, --regions and --profile do not apply")
	}
	gaad, err := os.ReadFile(c.gaad)
	if err != nil {
		return nil, fmt.Errorf("--gaad: %w", err)
	}
	rep, err := os.ReadFile(c.credReport)
	if err != nil {
		return nil, fmt.Errorf("--credential-report: %w", err)
	}
	return FromEvidence(Evidence{
		GAAD: gaad, GAADFile: c.gaad, CredentialReport: rep, CredentialReportFile: c.credReport,
		AccountID: c.accountID, Version: env.Version, Now: env.Now,
	})
}
