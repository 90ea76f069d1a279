// Package collectors holds one collector per source of cloud state — live
// provider APIs (aws/, ...) and files (Terraform plans, terraform/) — each
// producing a snapshot.Snapshot, and the two interfaces they plug in
// through: Collector for a live cloud, Importer for a kind of file.
package collectors

import (
	"context"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/snapshot"
)

// Collector snapshots one cloud from its live APIs, read-only. The CLI
// builds `rampart collect NAME` and `rampart scan NAME` from it.
type Collector interface {
	// Name is the cloud's name: the command word and the name of its
	// config section ("aws").
	Name() string
	// Help is the short and the long help of `rampart collect NAME`.
	Help() (short, long string)
	// RegisterFlags adds the flags that say what to collect and with
	// which credentials. The values are read by Collect.
	RegisterFlags(fs *pflag.FlagSet)
	// Collect runs a collection. A returned error is fatal (bad flags, no
	// identity); a call that fails is recorded in the snapshot's errors
	// and the collection goes on.
	Collect(ctx context.Context, env Env) (*snapshot.Snapshot, error)
}

// Env is what the pipeline hands a collector or an importer.
type Env struct {
	// Version is rampart's version, recorded in the snapshots written.
	Version string
	// Config is the whole configuration; a cloud reads its own section.
	Config config.Config
	// Now is the collection time of an input that carries none (a plan
	// without a timestamp); nil means the wall clock.
	Now func() time.Time
	// Progress reports progress to a person watching; nil when quiet.
	Progress func(format string, args ...any)
	// Meter counts scopes, regions, calls and failures for a live status
	// line; nil when quiet (a nil Meter counts nothing). A collector that
	// fills it leaves "region done" lines out of Progress.
	Meter *Meter
	// Warn receives warnings that do not stop the run; nil discards them.
	Warn io.Writer
	// Owns, when set, says whether this run collects the scope (AWS
	// account, Azure subscription, GCP project) with this ID: the run is
	// one shard of a larger scan (--shard i/n). nil collects every scope.
	// A collector that cannot shard leaves it unread; the scan command
	// then refuses the snapshot rather than store scopes twice.
	Owns func(scopeID string) bool
}

// InShard reports whether the run collects the scope with this ID.
func (e Env) InShard(scopeID string) bool { return e.Owns == nil || e.Owns(scopeID) }

// Progressf reports progress when a person is watching.
func (e Env) Progressf(format string, args ...any) {
	if e.Progress != nil {
		e.Progress(format, args...)
	}
}

// Clock returns the collection time: Now when set, else the wall clock.
func (e Env) Clock() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}
