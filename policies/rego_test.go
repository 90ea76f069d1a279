package policies

import (
	"context"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/tester"
)

// TestRego runs every built-in policy's Rego unit tests with the same
// capabilities, schema and data the engine uses, so a test passes only if
// the policy would also compile and behave so in a real scan.
func TestRego(t *testing.T) {
	srcs, err := builtinSources(true)
	if err != nil {
		t.Fatal(err)
	}
	runRegoTests(t, srcs)
}

func runRegoTests(t *testing.T, srcs []source) {
	t.Helper()
	ctx := context.Background()
	mods, err := parse(srcs)
	if err != nil {
		t.Fatal(err)
	}
	compiler, err := compile(mods)
	if err != nil {
		t.Fatal(err)
	}
	store, err := newStore(defaultConfig(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(store).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetModules(mods).
		RunTests(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		name := r.Package + "." + r.Name
		switch {
		case r.Error != nil:
			t.Errorf("%s (%s): error: %v", name, r.Location, r.Error)
		case r.Fail:
			t.Errorf("%s (%s): FAIL\n%s", name, r.Location, r.Output)
		case r.Skip:
			t.Logf("%s: skipped", name)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", n)
}
