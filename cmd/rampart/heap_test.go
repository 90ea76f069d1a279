package main

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestBoundHeap(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })
	env, had := os.LookupEnv("GOMEMLIMIT")
	t.Cleanup(func() {
		if had {
			os.Setenv("GOMEMLIMIT", env)
		}
	})
	os.Unsetenv("GOMEMLIMIT")
	for _, tc := range []struct {
		input int
		want  int64
	}{
		{input: 1 << 10, want: heapFloor},
		{input: 10 << 20, want: heapFloor},
		{input: 100 << 20, want: 32 * (100 << 20)},
	} {
		boundHeap(tc.input)
		if got := debug.SetMemoryLimit(-1); got != tc.want {
			t.Errorf("input of %d bytes: limit %d, want %d", tc.input, got, tc.want)
		}
	}
	// An operator's GOMEMLIMIT (here: none, "off") is left alone.
	debug.SetMemoryLimit(12345 << 20)
	t.Setenv("GOMEMLIMIT", "off")
	boundHeap(100 << 20)
	if got := debug.SetMemoryLimit(-1); got != 12345<<20 {
		t.Errorf("GOMEMLIMIT set: limit changed to %d", got)
	}
}
