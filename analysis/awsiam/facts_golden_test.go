package awsiam

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/internal/synth"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/snapshot"
)

// The facts of whole snapshots are pinned byte for byte: the analysis is
// optimised for large accounts, and any change to what it concludes must
// show up here as a diff to review, not slip through a faster path. The
// snapshots are the synthetic account of the benchmarks (at a size that
// keeps the golden file readable), the repo's example organization, and
// copies of Terraform plan snapshots (kept under testdata so that changes
// to the collector's fixtures do not move this test).
func TestFactsGolden(t *testing.T) {
	cases := map[string]func(t *testing.T) *snapshot.Snapshot{
		"synth-300x300": func(*testing.T) *snapshot.Snapshot { return synth.LargeAWS(300, 300) },
		// Grants scoped to name patterns, some of them per principal
		// (${aws:username}, aws:PrincipalTag/team).
		"synth-scoped-400x400": func(*testing.T) *snapshot.Snapshot { return synth.ScopedAWS(400, 400) },
		"aws-org":              decodeFile(filepath.Join("..", "..", "examples", "aws-org.json")),
	}
	plans, err := filepath.Glob(filepath.Join("testdata", "snapshots", "*.snapshot.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		cases["plan-"+strings.TrimSuffix(filepath.Base(p), ".snapshot.json")] = decodeFile(p)
	}
	for name, load := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(Facts(load(t)), "", " ")
			if err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, filepath.Join("testdata", "facts", name+".json"), append(got, '\n'))
		})
	}
}

func decodeFile(path string) func(t *testing.T) *snapshot.Snapshot {
	return func(t *testing.T) *snapshot.Snapshot {
		t.Helper()
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s, err := snapshot.Decode(path, raw)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}
