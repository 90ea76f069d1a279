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

// A control the user chose but the input cannot decide is said on the
// warning stream, not dropped in silence: one of a provider the input
// holds nothing of, one marked iac: N on a plan. A chosen control that
// applies is not mentioned.
func TestChosenControlsThatDoNotApply(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		source snapshot.Source
		want   string
	}{
		{"live", snapshot.SourceAPI, "rampart: in.json: control gcp-default-sa-editor is not evaluated: the input holds no gcp data\n"},
		{"plan", snapshot.SourceTerraformPlan, "rampart: in.json: control aws-access-key-rotation is not evaluated on a Terraform plan: it reads what only the live account shows\n" +
			"rampart: in.json: control gcp-default-sa-editor is not evaluated: the input holds no gcp data\n"},
	} {
		var warn strings.Builder
		p, err := Prepare(ctx, Options{Config: clouds.DefaultConfig(), Importers: clouds.Importers(), Analysis: clouds.Analysis, Warn: &warn,
			Controls: []string{"aws-admin-policy-attached", "aws-access-key-rotation", "gcp-default-sa-editor"}})
		if err != nil {
			t.Fatal(err)
		}
		s := synth.LargeAWS(1, 1)
		s.Source = tc.source
		in, err := InputOf(s)
		if err != nil {
			t.Fatal(err)
		}
		r, _, err := p.Run(ctx, in, "in.json")
		if err != nil {
			t.Fatal(err)
		}
		if warn.String() != tc.want {
			t.Errorf("%s: warnings\n%s\nwant\n%s", tc.name, warn.String(), tc.want)
		}
		var ids []string
		for _, c := range r.Summary.Controls {
			ids = append(ids, c.Control)
		}
		want := "aws-access-key-rotation,aws-admin-policy-attached"
		if tc.source == snapshot.SourceTerraformPlan {
			want = "aws-admin-policy-attached"
		}
		if strings.Join(ids, ",") != want {
			t.Errorf("%s: summary lists %v, want %s", tc.name, ids, want)
		}
	}
}
