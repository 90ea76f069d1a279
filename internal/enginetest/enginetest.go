// Package enginetest builds the policy engine as a scan does — every
// cloud's configuration section and every cloud's analysis — for the tests
// that evaluate snapshots. It imports no collector, so a collector's own
// tests can use it; clouds' tests check it lists what clouds lists.
package enginetest

import (
	"context"
	"sync"
	"testing"

	"github.com/rampart-sec/rampart/analysis/awsiam"
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/config/awsconfig"
	"github.com/rampart-sec/rampart/config/azureconfig"
	"github.com/rampart-sec/rampart/config/gcpconfig"
	"github.com/rampart-sec/rampart/policies"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// Sections are the configuration sections of every cloud.
func Sections() []config.Section {
	return []config.Section{awsconfig.Section, azureconfig.Section, gcpconfig.Section}
}

// Analysis computes every cloud's facts about a snapshot, by cloud name.
func Analysis(s *snapshot.Snapshot) map[string]any {
	return map[string]any{"aws": awsiam.Facts(s)}
}

// Config parses a configuration file's text ("" gives the defaults).
func Config(t testing.TB, yaml string) config.Config {
	t.Helper()
	cfg, err := config.Parse("rampart.yaml", []byte(yaml), Sections()...)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// LoadConfig reads a configuration file.
func LoadConfig(t testing.TB, path string) config.Config {
	t.Helper()
	cfg, err := config.Load(path, Sections()...)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// New builds the engine of the built-in policies over cfg, restricted to
// controls when some are named.
func New(t testing.TB, cfg config.Config, controls ...string) *policies.Engine {
	t.Helper()
	e, err := policies.New(context.Background(), policies.Options{Config: &cfg, Controls: controls, Analysis: Analysis})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Evaluate runs e over a snapshot; raw is its JSON when at hand (nil: it
// is encoded).
func Evaluate(t testing.TB, e *policies.Engine, s *snapshot.Snapshot, raw []byte) []results.Result {
	t.Helper()
	in, err := policies.NewInput(s, raw)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := e.Evaluate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

var builtin struct {
	once   sync.Once
	engine *policies.Engine
	err    error
}

// Builtin is the engine of every built-in control at the default
// configuration, compiled once per test binary.
func Builtin(t testing.TB) *policies.Engine {
	t.Helper()
	builtin.once.Do(func() {
		cfg := config.Default(Sections()...)
		builtin.engine, builtin.err = policies.New(context.Background(), policies.Options{Config: &cfg, Analysis: Analysis})
	})
	if builtin.err != nil {
		t.Fatal(builtin.err)
	}
	return builtin.engine
}
