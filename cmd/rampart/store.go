package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/audit"
	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
)

// storeDefault is --store given without a value: RAMPART_STORE, else the
// default SQLite file.
const storeDefault = "default"

// storeOptions are the flags of eval and scan about the history store and
// the scheduler: where to record, under which run and shard, metrics.
type storeOptions struct {
	store         string
	storeSnapshot bool
	run           string
	shard         string
	metricsFile   string
}

// register adds the flags; sharding says whether the command collects
// (only scan commands can take a shard of the scopes).
func (o *storeOptions) register(fs *pflag.FlagSet, sharding bool) {
	fs.StringVar(&o.store, "store", "", "record the scan in the history store: a SQLite FILE or a postgres:// DSN; alone, $"+history.EnvStore+" or ~/.local/share/rampart/history.db")
	fs.Lookup("store").NoOptDefVal = storeDefault
	fs.BoolVar(&o.storeSnapshot, "store-snapshot", false, "with --store, keep the snapshot itself (gzip) beside the results")
	fs.StringVar(&o.metricsFile, "metrics-file", "", "write Prometheus text-format metrics to FILE (node_exporter textfile collector)")
	fs.StringVar(&o.run, "run", "", "with --store, the run this scan belongs to, e.g. the Kubernetes Job name (required with --shard)")
	if sharding {
		fs.StringVar(&o.shard, "shard", "", "collect only the scopes (accounts, subscriptions, projects) of shard INDEX/COUNT, INDEX from 0 (Kubernetes JOB_COMPLETION_INDEX)")
	}
}

// storeArgs wraps a command's argument check: `--store PATH` (a space,
// not "=") leaves PATH as an argument, which deserves a better message
// than "too many arguments".
func storeArgs(check cobra.PositionalArgs, want int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if f := c.Flags().Lookup("store"); f != nil && f.Changed && f.Value.String() == storeDefault && len(args) > want {
			return fmt.Errorf("--store takes its DSN after '=' (--store=%s); alone it means $%s or the default file, and %q was read as an argument",
				args[want], history.EnvStore, args[want])
		}
		return check(c, args)
	}
}

// dsn resolves --store: "" when not recording.
func (o *storeOptions) dsn(newOnly bool, baseline string) string {
	switch {
	case o.store == storeDefault, o.store == "" && newOnly && baseline == "":
		// --new-only without --baseline compares with the store, and
		// records this scan for the next one.
		return os.Getenv(history.EnvStore)
	}
	return o.store
}

// recorder is the prepared store side of a run.
type recorder struct {
	opts    *storeOptions
	store   history.Store // nil when not recording
	shard   history.Shard
	newOnly bool // --new-only against the previous stored scan
	started time.Time
}

// prepare checks the flags and opens the store before any collection, so
// that a bad DSN or shard costs no API calls.
func (o *storeOptions) prepare(ctx context.Context, newOnly bool, baseline string) (*recorder, error) {
	r := &recorder{opts: o, started: time.Now()}
	if o.shard != "" {
		s, err := history.ParseShard(o.shard)
		if err != nil {
			return nil, err
		}
		if o.run == "" {
			return nil, fmt.Errorf("--shard %s needs --run ID: the shards of one scan are grouped by their run ID", o.shard)
		}
		r.shard = s
	}
	if newOnly && baseline == "" && o.store == "" && os.Getenv(history.EnvStore) == "" {
		return nil, fmt.Errorf("--new-only needs --baseline FILE, or a history store (--store, or $%s) to compare with the previous scan of the same scopes", history.EnvStore)
	}
	recording := o.store != "" || newOnly && baseline == ""
	if !recording {
		if o.run != "" || o.storeSnapshot {
			return nil, fmt.Errorf("--run and --store-snapshot apply to a scan recorded with --store")
		}
		return r, nil
	}
	st, err := history.Open(ctx, o.dsn(newOnly, baseline))
	if err != nil {
		return nil, err
	}
	r.store = st
	r.newOnly = newOnly && baseline == ""
	return r, nil
}

// owns is the collector's shard filter; nil when unsharded.
func (r *recorder) owns() func(string) bool {
	if r.shard.IsZero() {
		return nil
	}
	return r.shard.Owns
}

// checkShard refuses a snapshot with scopes of other shards: a collector
// that does not honour Env.Owns would store every scope once per shard.
func (r *recorder) checkShard(name string, in *collectors.Input) error {
	if r.shard.IsZero() {
		return nil
	}
	for _, sc := range in.Snapshot.Scopes {
		if !r.shard.Owns(sc.Account) {
			return fmt.Errorf("--shard: the %s collector collected %s %s, which belongs to another shard: it does not support --shard", name, sc.Provider, sc.Account)
		}
	}
	return nil
}

// keepsSnapshot reports whether record stores the input's JSON.
func (r *recorder) keepsSnapshot() bool { return r.store != nil && r.opts.storeSnapshot }

// record stores the report and returns the baseline --new-only gates
// against: the FAIL findings of the previous stored scan of the same
// scopes (nil when not gating on new findings).
func (r *recorder) record(ctx context.Context, stderr io.Writer, rep *results.Report, in *collectors.Input) (int64, results.Baseline, error) {
	if r.store == nil {
		return 0, nil, nil
	}
	m := history.Meta{RampartVersion: shortVersion(), CatalogueVersion: policies.CatalogueVersion(), Run: r.opts.run, Shard: r.shard}
	if r.opts.storeSnapshot {
		m.Snapshot = in.JSON
	}
	sc, err := r.store.Record(ctx, rep, m)
	if err != nil {
		return 0, nil, err
	}
	if !r.newOnly {
		return sc.ID, nil, nil
	}
	prev, ok, err := r.store.Previous(ctx, history.Ref{Scan: sc.ID})
	if err != nil {
		return sc.ID, nil, err
	}
	base := results.Baseline{}
	if !ok {
		fmt.Fprintln(stderr, "rampart: --new-only: no earlier stored scan of these scopes; every finding is new")
		return sc.ID, base, nil
	}
	rs, err := r.store.Results(ctx, prev)
	if err != nil {
		return sc.ID, nil, err
	}
	for _, res := range rs {
		if res.Status == results.Fail {
			base[res.ID] = res // known as FAIL at its severity (issue 9)
		}
	}
	return sc.ID, base, nil
}

// metrics writes --metrics-file.
func (r *recorder) metrics(rep *results.Report, scan int64) error {
	if r.opts.metricsFile == "" {
		return nil
	}
	var b bytes.Buffer
	if err := reports.WriteMetrics(&b, rep, reports.RunMetrics{Duration: time.Since(r.started), Scan: scan}); err != nil {
		return err
	}
	return writeFileAtomic("--metrics-file", r.opts.metricsFile, b.Bytes())
}

func (r *recorder) close() {
	if r.store != nil {
		r.store.Close()
	}
}

// gate decides the exit: against the stored baseline with --new-only and
// no --baseline file, else as the pipeline was prepared.
func gate(p *audit.Pipeline, rep *results.Report, stored results.Baseline) audit.Decision {
	if stored != nil {
		return p.GateAgainst(rep, stored)
	}
	return p.Gate(rep)
}
