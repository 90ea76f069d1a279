package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/collectors"
)

func TestStatusText(t *testing.T) {
	for _, tc := range []struct {
		state   collectors.MeterState
		elapsed time.Duration
		want    string
	}{
		{collectors.MeterState{}, 0, "collecting aws · 0 calls · 0 errors · 0s"},
		{collectors.MeterState{Scopes: 4, ScopesDone: 1, Parts: 152, PartsDone: 37, Calls: 1234, Failed: 1}, 12500 * time.Millisecond,
			"collecting aws · accounts 1/4 · regions 37/152 · 1234 calls · 1 error · 12s"},
		{collectors.MeterState{Scopes: 1, ScopesDone: 1, Calls: 9, Failed: 3}, 3 * time.Minute, "collecting aws · accounts 1/1 · 9 calls · 3 errors · 3m0s"},
	} {
		if got := status("aws", tc.state, tc.elapsed); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
	}
}

// The line is redrawn in place on each tick, messages go above it, and
// it is cleared when collection ends.
func TestLiveLine(t *testing.T) {
	var out bytes.Buffer
	m := &collectors.Meter{}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	l := newLiveLine(&out, "aws", m, now, 100)
	tick, stop, done := make(chan time.Time), make(chan struct{}), make(chan struct{})
	go func() { l.run(tick, stop); close(done) }()
	m.AddScopes(1)
	m.AddParts(2)
	m.Call()
	tick <- clock
	l.message("assumed role in %s", "222222222222")
	m.PartDone()
	m.Call()
	m.Failed()
	clock = clock.Add(2 * time.Second)
	tick <- clock
	close(stop)
	<-done
	got := out.String()
	for _, want := range []string{
		"\r\x1b[Krampart: collecting aws",
		"\r\x1b[Krampart: assumed role in 222222222222\n",
		"\r\x1b[Krampart: collecting aws · accounts 0/1 · regions 1/2 · 2 calls · 1 error · 2s",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the line is not cleared at the end: %q", got)
	}
	// On a narrow terminal the line is cut, not wrapped: a wrapped line
	// cannot be redrawn in place.
	var narrow bytes.Buffer
	n := newLiveLine(&narrow, "aws", m, now, 40)
	n.draw()
	if got := narrow.String(); got != "\r\x1b[Krampart: collecting aws · accounts 0/1 " {
		t.Errorf("narrow: %q", got)
	}
}

// Off a terminal (CI logs, pipes) and with --quiet there is no progress.
func TestNoProgressOffATerminal(t *testing.T) {
	onTerminal(t, false)
	dir := t.TempDir()
	code, _, stderr := rampart(t, "collect", "aws", "--gaad", "../../collectors/aws/testdata/gaad.json",
		"--credential-report", "../../collectors/aws/testdata/credential-report.csv", "-o", dir+"/s.json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "collecting") || strings.Contains(stderr, "\r") {
		t.Errorf("progress off a terminal: %q", stderr)
	}
	onTerminal(t, true)
	code, _, stderr = rampart(t, "collect", "aws", "--quiet", "--gaad", "../../collectors/aws/testdata/gaad.json",
		"--credential-report", "../../collectors/aws/testdata/credential-report.csv", "-o", dir+"/s.json")
	if code != exitOK || stderr != "" {
		t.Errorf("--quiet on a terminal: exit %d, stderr %q", code, stderr)
	}
}
