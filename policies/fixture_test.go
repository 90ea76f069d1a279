package policies

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

// The engine fixtures of the package's tests and benchmarks: build an
// engine here, not in each test.

// builtin is the engine over the built-in policies with the default
// configuration, built once and shared: an Engine is safe for concurrent
// use, and compiling every control for each test would only cost time.
var builtin struct {
	once sync.Once
	e    *Engine
	err  error
}

// builtinEngine returns the shared engine over the built-in policies.
func builtinEngine(tb testing.TB) *Engine {
	tb.Helper()
	builtin.once.Do(func() {
		builtin.e, builtin.err = New(context.Background(), Options{Config: defaultConfig(), Analysis: awsFacts})
	})
	if builtin.err != nil {
		tb.Fatal(builtin.err)
	}
	return builtin.e
}

// newEngine builds an engine with opts for one test, with the default
// configuration unless opts gives one.
func newEngine(tb testing.TB, opts Options) *Engine {
	tb.Helper()
	if opts.Config == nil {
		opts.Config = defaultConfig()
	}
	e, err := New(context.Background(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// builtinRun is the one run of the built-in Rego tests the package's tests
// share.
var builtinRun struct {
	once sync.Once
	sum  TestSummary
	out  string
	err  error
}

// builtinTests returns the summary and output of that run.
func builtinTests(t *testing.T) (TestSummary, string) {
	t.Helper()
	builtinRun.once.Do(func() {
		var out strings.Builder
		builtinRun.sum, builtinRun.err = RunTests(context.Background(), TestOptions{Config: defaultConfig()}, &out)
		builtinRun.out = out.String()
	})
	if builtinRun.err != nil {
		t.Fatal(builtinRun.err)
	}
	return builtinRun.sum, builtinRun.out
}

// evaluate runs e over s.
func evaluate(tb testing.TB, e *Engine, s *snapshot.Snapshot) []results.Result {
	tb.Helper()
	in, err := NewInput(s, nil)
	if err != nil {
		tb.Fatal(err)
	}
	rs, err := e.Evaluate(context.Background(), in)
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

// testSnapshot is one account with a root user with MFA and two users,
// one tagged with an owner and one not.
func testSnapshot() *snapshot.Snapshot {
	return &snapshot.Snapshot{
		Schema:      snapshot.Schema,
		CollectedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Source:      snapshot.SourceAPI,
		Scopes:      []snapshot.Scope{{Provider: "aws", Account: "111111111111", Resource: "arn:aws:iam::111111111111:root"}},
		AWS: &snapshot.AWS{Accounts: []snapshot.AWSAccount{{
			AccountID: "111111111111", Partition: "aws",
			Root: &snapshot.RootUser{ARN: "arn:aws:iam::111111111111:root", MFAActive: true},
			Users: []snapshot.IAMUser{
				{Name: "tagged", ARN: "arn:aws:iam::111111111111:user/tagged", Tags: map[string]string{"owner": "platform"}},
				{Name: "untagged", ARN: "arn:aws:iam::111111111111:user/untagged"},
			},
		}}},
	}
}
