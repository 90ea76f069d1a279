package audit

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/internal/synth"
	"github.com/rampart-sec/rampart/snapshot"
)

// A collection with no scope is refused (nothing would be judged, and
// silence must not read as a pass), except in one shard of a sharded scan:
// scopes are spread by a hash, and a shard may own none. That shard's
// empty scan is what completes its run.
func TestRunWithoutScopes(t *testing.T) {
	ctx := context.Background()
	var warn strings.Builder
	p, err := Prepare(ctx, Options{Config: clouds.DefaultConfig(), Importers: clouds.Importers(), Analysis: clouds.Analysis, Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	empty := func() *snapshot.Snapshot {
		s := synth.LargeAWS(1, 1)
		s.Scopes = []snapshot.Scope{}
		s.AWS.Accounts = []snapshot.AWSAccount{}
		return s
	}

	in, err := InputOf(empty())
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = p.Run(ctx, in, "")
	var ie *snapshot.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "names no scope") {
		t.Fatalf("unsharded: error %v, want the no-scope input error", err)
	}

	in, err = InputOf(empty())
	if err != nil {
		t.Fatal(err)
	}
	in.Shard = "2/4"
	r, _, err := p.Run(ctx, in, "")
	if err != nil {
		t.Fatalf("shard owning no scope: %v", err)
	}
	if len(r.Results) != 0 {
		t.Errorf("%d results from a shard that owns nothing", len(r.Results))
	}
	if want := "rampart: shard 2/4 owns none of the scopes collected: nothing to judge in this shard\n"; warn.String() != want {
		t.Errorf("warning %q, want %q", warn.String(), want)
	}
}
