package policies

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/rampart-sec/rampart/config"
)

// TestSummary counts the Rego unit tests of one run. Failed counts the
// tests that failed and those that stopped on an error.
type TestSummary struct {
	Passed, Failed, Skipped int
}

// TestOptions configure a run of the Rego unit tests.
type TestOptions struct {
	// PolicyDirs are directories of user policies and their tests, run
	// beside the built-in ones.
	PolicyDirs []string
	// Config is data.rampart.config, as for New: required, since the
	// controls read their thresholds from it.
	Config *config.Config
}

// testTimeout bounds one Rego test. It is a guard against a runaway
// test, not a measure of speed: generous, because the machine running
// the tests may be busy.
const testTimeout = time.Minute

// RunTests runs the Rego unit tests (the _test.rego files) of the built-in
// policies and of the policies under opts.PolicyDirs, compiled as a scan compiles
// them: the same capabilities, the same type-checking of `input` against
// the snapshot schema, the same data.rampart.config, and the same METADATA
// checks. A test passes only if its policy would also load and
// behave so in a scan.
//
// It writes one line per failing test, "file:row: data.pkg.test_name:
// FAIL" (or ERROR and the reason), followed by the test's print output
// indented, and then the line "N passed, N failed". A policy that does not
// load (syntax, type or metadata error) is an error, a *PolicyError where
// the problem is in the Rego; a failing test is not an error, it is
// counted in the summary.
func RunTests(ctx context.Context, opts TestOptions, w io.Writer) (TestSummary, error) {
	var sum TestSummary
	mods, _, err := load(opts.PolicyDirs, true)
	if err != nil {
		return sum, err
	}
	compiler, err := newCompiler()
	if err != nil {
		return sum, err
	}
	store, err := newStore(opts.Config, time.Time{})
	if err != nil {
		return sum, err
	}
	// The runner compiles the modules itself, adding its own stages (test
	// case rewriting) to the compiler it is given.
	ch, err := tester.NewRunner().
		SetCompiler(compiler.WithEnablePrintStatements(true)).
		SetStore(store).
		SetModules(mods).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetTimeout(testTimeout).
		RunTests(ctx, nil)
	if err != nil {
		return sum, &PolicyError{Lines: regoErrors(err)}
	}
	var failed []*tester.Result
	for r := range ch {
		switch {
		case r.Skip:
			sum.Skipped++
		case r.Pass():
			sum.Passed++
		default:
			sum.Failed++
			failed = append(failed, r)
		}
	}
	// The runner runs tests in parallel; sort so the same failures print
	// the same way every time.
	sort.Slice(failed, func(i, j int) bool {
		a, b := failed[i].Location, failed[j].Location
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Row < b.Row
	})
	for _, r := range failed {
		fmt.Fprintln(w, failureLine(r))
		if out := strings.TrimRight(string(r.Output), "\n"); out != "" {
			fmt.Fprintln(w, "    "+strings.ReplaceAll(out, "\n", "\n    "))
		}
	}
	line := fmt.Sprintf("%d passed, %d failed", sum.Passed, sum.Failed)
	if sum.Skipped > 0 {
		line += fmt.Sprintf(", %d skipped", sum.Skipped)
	}
	fmt.Fprintln(w, line)
	return sum, ctx.Err()
}

// failureLine is "file:row: data.pkg.test_name: FAIL", or ERROR with the
// reason.
func failureLine(r *tester.Result) string {
	where := fmt.Sprintf("%s:%d: %s.%s", r.Location.File, r.Location.Row, r.Package, r.Name)
	if r.Error != nil {
		return where + ": ERROR: " + strings.Join(regoErrors(r.Error), "; ")
	}
	return where + ": FAIL"
}
