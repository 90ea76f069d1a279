package clouds_test

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/internal/enginetest"
	"github.com/rampart-sec/rampart/snapshot"
)

// The tests' engine (internal/enginetest, which cannot import the
// collectors) is built from the same sections and analyses as a scan.
func TestEngineTestMatchesClouds(t *testing.T) {
	got, _ := json.Marshal(enginetest.Config(t, ""))
	want, _ := json.Marshal(clouds.DefaultConfig())
	if string(got) != string(want) {
		t.Errorf("enginetest's default configuration\n%s\ndiffers from clouds'\n%s", got, want)
	}
	s := &snapshot.Snapshot{}
	if g, w := slices.Sorted(maps.Keys(enginetest.Analysis(s))), slices.Sorted(maps.Keys(clouds.Analysis(s))); !slices.Equal(g, w) {
		t.Errorf("enginetest analyses %v, clouds' %v", g, w)
	}
}
