// Package aws collects AWS accounts, and optionally a whole organization,
// into a rampart snapshot with read-only API calls.
//
// Collection never stops at the first failed call: every call that does not
// return its data is recorded in the snapshot's errors and the data it
// would have filled stays nil, so the controls that need it report ERROR
// instead of a false PASS.
package aws

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/snapshot"
)

// Options configures a collection. The zero value collects the caller's
// account in every enabled region with the SDK's default credential chain.
type Options struct {
	// Profile is the shared-config profile to use ("" = the SDK default).
	Profile string
	// Regions restricts collection to these regions; empty means every
	// enabled region.
	Regions []string
	// Org collects every active member account of the organization by
	// assuming RoleName in it. The caller must be the management account or
	// a delegated administrator.
	Org bool
	// RoleName is the role assumed in member accounts (default
	// OrganizationAccountAccessRole); ExternalID is passed when not empty.
	RoleName   string
	ExternalID string
	// Parallel bounds the accounts collected at once (default 8);
	// RegionParallel the regions collected at once within one account
	// (default 8).
	Parallel       int
	RegionParallel int

	// Version is written as the snapshot's collector version.
	Version string
	// Now is the clock (default time.Now); tests inject a fixed one.
	Now func() time.Time
	// Progress, when set, receives one line per account and region done
	// (none when Meter is set: the live line shows them).
	Progress func(msg string)
	// Meter, when set, counts accounts, regions, calls and failures for
	// a live status line.
	Meter *collectors.Meter
	// Warn, when set, receives one line per account whose every failed
	// call got no response for the same reason.
	Warn func(msg string)
	// Owns, when set, keeps only the accounts whose ID it accepts: this
	// run is one shard of an organization scan (--shard). The organization
	// itself (accounts, SCPs) is read by every shard: its controls need it.
	Owns func(accountID string) bool

	// RetryMaxAttempts bounds the SDK's adaptive retryer (default: the
	// standard AWS_MAX_ATTEMPTS / max_attempts setting, else 5).
	// RetryMaxBackoff caps its backoff (default: the SDK's 20 s); tests
	// lower it so that throttling costs no wall time.
	RetryMaxAttempts int
	RetryMaxBackoff  time.Duration
	// NoClientRateLimit turns off adaptive mode's client-side slowdown
	// after throttles (throttles are still retried). Only for tests: a fresh
	// client that is throttled drops to 0.5 requests/s, which is right
	// against AWS and seconds of idle time against a local fault injector.
	NoClientRateLimit bool
	// CallTimeout bounds every HTTP attempt (default 60 s), so a region
	// that does not answer cannot hang the scan.
	CallTimeout time.Duration
	// ReportWait bounds the wait for the credential report (default 2 min);
	// ReportPoll is the interval between polls (default 2 s).
	ReportWait time.Duration
	ReportPoll time.Duration

	// ConfigOptions are passed to config.LoadDefaultConfig after the
	// collector's own, e.g. config.WithBaseEndpoint or a credentials
	// provider. The SDK's AWS_ENDPOINT_URL works without them.
	ConfigOptions []func(*config.LoadOptions) error
}

// DefaultRoleName is the role --org assumes in member accounts when no
// other is named: the one AWS Organizations creates in accounts it creates.
const DefaultRoleName = "OrganizationAccountAccessRole"

func (o Options) withDefaults() Options {
	if o.RoleName == "" {
		o.RoleName = DefaultRoleName
	}
	if o.Parallel <= 0 {
		o.Parallel = 8
	}
	if o.RegionParallel <= 0 {
		o.RegionParallel = 8
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.CallTimeout <= 0 {
		o.CallTimeout = 60 * time.Second
	}
	if o.ReportWait <= 0 {
		o.ReportWait = 2 * time.Minute
	}
	if o.ReportPoll <= 0 {
		o.ReportPoll = 2 * time.Second
	}
	if o.Progress == nil {
		o.Progress = func(string) {}
	}
	return o
}

// collection is the state of one run, shared by the goroutines that fill it.
type collection struct {
	opts Options
	rec  *recorder
	// partition of the caller, e.g. "aws" or "aws-us-gov".
	partition string
	progress  sync.Mutex
}

func (c *collection) report(format string, args ...any) {
	if c.opts.Meter != nil {
		return // the live line counts what these lines would say
	}
	c.progress.Lock()
	defer c.progress.Unlock()
	c.opts.Progress(fmt.Sprintf(format, args...))
}

// Collect collects the caller's account (and with Options.Org every member
// account of its organization) into one snapshot. It returns an error only
// when nothing can be collected at all: no credentials, or the caller's
// identity cannot be established. Every other failure is recorded in the
// snapshot's errors.
func Collect(ctx context.Context, opts Options) (*snapshot.Snapshot, error) {
	opts = opts.withDefaults()
	started := opts.Now().UTC().Truncate(time.Second)
	cfg, err := loadConfig(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("aws: loading configuration: %w", err)
	}
	c := &collection{opts: opts, rec: &recorder{meter: opts.Meter}}
	id, err := callerIdentity(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("aws: who am I (sts:GetCallerIdentity): %w", err)
	}
	c.partition = id.partition

	org := c.organization(ctx, cfg, id.account)
	var targets []target
	if c.owns(id.account) {
		targets = append(targets, target{id: id.account, cfg: cfg})
	}
	if opts.Org {
		members, err := c.memberTargets(ctx, cfg, id.account, org)
		if err != nil {
			return nil, err
		}
		targets = append(targets, members...)
	}
	if org != nil {
		for i := range targets {
			targets[i].name = org.accountName(targets[i].id)
		}
	}

	opts.Meter.AddScopes(len(targets))
	accounts := make([]snapshot.AWSAccount, len(targets))
	sem := make(chan struct{}, opts.Parallel)
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			accounts[i] = c.account(ctx, t)
			opts.Meter.ScopeDone()
			c.report("account %s done", t.id)
		}()
	}
	wg.Wait()

	s := &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: started,
		Collector:   snapshot.Collector{Name: "rampart", Version: opts.Version},
		Source:      snapshot.SourceAPI,
		AWS:         &snapshot.AWS{Accounts: accounts},
	}
	if org != nil {
		s.AWS.Organization = org.model
	}
	finish(s, c.rec)
	if opts.Warn != nil {
		for _, line := range transportFailures(s.Errors) {
			opts.Warn(line)
		}
	}
	return s, nil
}

// owns reports whether this run collects the account (see Options.Owns).
func (c *collection) owns(accountID string) bool {
	return c.opts.Owns == nil || c.opts.Owns(accountID)
}

// target is one account to collect and the configuration that reaches it.
type target struct {
	id, name string
	cfg      aws.Config
	// member is true for accounts entered by assuming a role.
	member bool
}

// finish puts everything in the canonical order, fills the scopes and
// sorts the errors, so that two collections of the same world are
// byte-identical.
func finish(s *snapshot.Snapshot, rec *recorder) {
	snapshot.Canonicalize(s)
	s.Scopes = []snapshot.Scope{}
	for i := range s.AWS.Accounts {
		s.Scopes = append(s.Scopes, snapshot.AWSScope(&s.AWS.Accounts[i]))
	}
	s.Errors = rec.sorted()
}
