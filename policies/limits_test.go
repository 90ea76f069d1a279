package policies

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runaway is a user control whose evaluation never ends in reasonable
// time or memory.
func runaway(t *testing.T, body string) string {
	t.Helper()
	return userDir(t, map[string]string{"runaway.rego": controlHeader("custom-runaway", "rampart.custom.runaway") +
		"results contains r if {\n\t" + body + "\n\tr := {\"status\": \"PASS\", \"account\": \"111111111111\", \"resource\": \"x\", \"resource_type\": \"x\", \"message\": sprintf(\"%v\", [n])}\n}\n"})
}

const (
	// slow is 4×10⁸ steps in constant memory: minutes.
	slow = "n := count({1 | some i in numbers.range(1, 20000); some j in numbers.range(1, 20000)})"
	// big is a billion-element array: some 100 GB.
	big = "n := count(numbers.range(0, 1000000000))"
)

// gigabyte is a string doubled 24 times by concat: 1 GiB, quickly.
var gigabyte = func() string {
	lines := []string{`x0 := "` + strings.Repeat("x", 64) + `"`}
	for i := 1; i <= 24; i++ {
		lines = append(lines, fmt.Sprintf("x%d := concat(\"\", [x%d, x%d])", i, i-1, i-1))
	}
	return strings.Join(append(lines, "n := count(x24)"), "\n\t")
}()

// A user policy that exceeds a limit stops the run with the file and the
// limit named, never a Go trace or a hang; the other controls' results
// are not reported on their own (the run fails).
func TestUserPolicyOverALimitFailsTheRun(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		opts       Options
		want       string
	}{
		{"time", slow, Options{Timeout: 200 * time.Millisecond, MemoryLimit: -1}, "exceeded the 200ms per-control time limit (--policy-timeout)"},
		{"memory", big, Options{MemoryLimit: 32 << 20}, "exceeded the 33.6 MB policy memory limit (--policy-memory)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := runaway(t, tc.body)
			tc.opts.PolicyDirs = []string{dir}
			tc.opts.Controls = []string{"custom-runaway", "aws-root-mfa"}
			e := newEngine(t, tc.opts)
			in, err := NewInput(testSnapshot(), nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Evaluate(context.Background(), in)
			var limit *LimitError
			if !errors.As(err, &limit) {
				t.Fatalf("got %v, want a *LimitError", err)
			}
			if want := filepath.Join(dir, "runaway.rego") + ": control custom-runaway was stopped: its evaluation " + tc.want; err.Error() != want {
				t.Errorf("got  %q\nwant %q", err, want)
			}
		})
	}
}

// A built-in control over a limit is ERROR in every scope, naming the
// limit; the other controls keep their results. (The control here is a
// user policy marked built-in: no built-in control runs away.)
func TestBuiltinControlOverALimitIsError(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		opts       Options
		want       string
	}{
		{"time", slow, Options{Timeout: 200 * time.Millisecond, MemoryLimit: -1}, "not decided: the evaluation was stopped at the 200ms per-control time limit (--policy-timeout)"},
		{"memory", gigabyte, Options{MemoryLimit: 64 << 20}, "not decided: the evaluation was stopped at the 67.1 MB policy memory limit (--policy-memory)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.PolicyDirs = []string{runaway(t, tc.body)}
			tc.opts.Controls = []string{"custom-runaway", "aws-root-mfa", "aws-console-user-mfa"}
			e := newEngine(t, tc.opts)
			for _, c := range e.controls {
				c.Builtin = true
			}
			var got []string
			for _, r := range evaluate(t, e, testSnapshot()) {
				got = append(got, r.Control+" "+r.Resource+" "+string(r.Status)+" "+r.Message)
			}
			want := []string{
				"aws-root-mfa arn:aws:iam::111111111111:root PASS",
				"custom-runaway arn:aws:iam::111111111111:root ERROR " + tc.want,
			}
			var kept []string
			for _, g := range got {
				if !strings.HasPrefix(g, "aws-console-user-mfa ") {
					kept = append(kept, g)
				}
			}
			if len(kept) != 2 || !strings.HasPrefix(kept[0], want[0]) || kept[1] != want[1] {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if len(got) == len(kept) {
				t.Errorf("aws-console-user-mfa lost its results: %v", got)
			}
		})
	}
}

// The default bounds: a generous deadline and a third of the memory
// available; negative values turn them off.
func TestDefaultLimits(t *testing.T) {
	t.Setenv("RAMPART_MEMORY_AVAILABLE", "4000000000")
	if l := newLimits(Options{}); l.timeout != DefaultTimeout || l.memory != 4000000000/3 {
		t.Errorf("defaults: %+v", l)
	}
	t.Setenv("RAMPART_MEMORY_AVAILABLE", "1000")
	if l := newLimits(Options{}); l.memory != minMemoryLimit {
		t.Errorf("little memory: %+v", l)
	}
	if l := newLimits(Options{Timeout: -1, MemoryLimit: -1}); l.timeout > 0 || l.memory != 0 || l.watchMemory() != nil {
		t.Errorf("off: %+v", l)
	}
}
