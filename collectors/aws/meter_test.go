package aws

import (
	"testing"

	"github.com/rampart-sec/rampart/collectors"
	"github.com/rampart-sec/rampart/internal/awstest"
)

// The meter counts what a live line shows: the account and its regions
// done of total, every operation called (retries aside), and every error
// recorded; with a meter, no "region done" lines are printed.
func TestMeterCountsACollection(t *testing.T) {
	url := awstest.Need(t)
	p := awstest.NewProxy(t, url)
	opts := testOptions("", twoRegions...)
	opts.Meter = &collectors.Meter{}
	var lines []string
	opts.Progress = func(msg string) { lines = append(lines, msg) }
	s, _ := collectVia(t, p, opts)
	got := opts.Meter.State()
	if got.Scopes != 1 || got.ScopesDone != 1 || got.Parts != 2 || got.PartsDone != 2 {
		t.Errorf("scopes and regions: %+v", got)
	}
	if got.Failed != int64(len(s.Errors)) {
		t.Errorf("failed %d, the snapshot records %d errors", got.Failed, len(s.Errors))
	}
	// Every call went through the proxy; retries of moto's HTTP 500 on
	// Access Analyzer went through it again but count once.
	if sent := len(p.Log()); got.Calls == 0 || got.Calls >= int64(sent) {
		t.Errorf("calls %d, HTTP requests %d", got.Calls, sent)
	}
	if len(lines) != 0 {
		t.Errorf("progress lines with a meter: %q", lines)
	}
}
