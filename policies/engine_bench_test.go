package policies

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/rampart-sec/rampart/internal/synth"
	"github.com/rampart-sec/rampart/internal/testutil"
	"github.com/rampart-sec/rampart/snapshot"
)

func largeSnapshotJSON(b *testing.B) []byte {
	b.Helper()
	raw, err := json.Marshal(synth.LargeAWS(10000, 10000))
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

// largeInput is the built-in engine and the input of the 10k benchmarks'
// snapshot.
func largeInput(b *testing.B) (*Engine, *Input) {
	b.Helper()
	raw := largeSnapshotJSON(b)
	snap, err := snapshot.Decode("bench.json", raw)
	if err != nil {
		b.Fatal(err)
	}
	in, err := NewInput(snap, raw)
	if err != nil {
		b.Fatal(err)
	}
	return builtinEngine(b), in
}

// BenchmarkEvaluate10kUsers10kRoles evaluates every built-in control over
// one account of 10,000 users and 10,000 roles, from an already converted
// input: the cost of the IAM analysis and of the policies themselves.
func BenchmarkEvaluate10kUsers10kRoles(b *testing.B) {
	ctx := context.Background()
	e, in := largeInput(b)
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	cpu := testutil.CPUTime()
	for b.Loop() {
		// A fresh input each time: the IAM analysis, computed once per
		// input, is part of evaluating.
		rs, err := e.Evaluate(ctx, &Input{Snapshot: in.Snapshot, value: in.value})
		if err != nil {
			b.Fatal(err)
		}
		n = len(rs)
	}
	// CPU seconds beside wall time: on a shared machine the wall time
	// says more about the neighbours than about rampart.
	b.ReportMetric((testutil.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n), "results")
}

// BenchmarkDecode10kUsers10kRoles is encoding/json decoding the same
// snapshot into the model, as `rampart eval` does first.
func BenchmarkDecode10kUsers10kRoles(b *testing.B) {
	raw := largeSnapshotJSON(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := snapshot.Decode("bench.json", raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInput10kUsers10kRoles is the one conversion of the snapshot to
// an OPA value that every control then shares.
func BenchmarkInput10kUsers10kRoles(b *testing.B) {
	raw := largeSnapshotJSON(b)
	snap, err := snapshot.Decode("bench.json", raw)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := NewInput(snap, raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalysis10kUsers10kRoles is the IAM analysis alone (effective
// permissions and the escalation graph) over the same account.
func BenchmarkAnalysis10kUsers10kRoles(b *testing.B) {
	snap := synth.LargeAWS(10000, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := testutil.CPUTime()
	for b.Loop() {
		awsFacts(snap)
	}
	b.ReportMetric((testutil.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkAnalysis2kUsers2kRoles is the analysis on a fifth of it, to see
// how it grows.
func BenchmarkAnalysis2kUsers2kRoles(b *testing.B) {
	snap := synth.LargeAWS(2000, 2000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		awsFacts(snap)
	}
}

// BenchmarkControl10k evaluates each built-in control alone over the
// snapshot of BenchmarkEvaluate10kUsers10kRoles (the analysis computed
// once beforehand), to find the slow ones:
// go test ./policies -bench Control10k -benchtime 1x.
func BenchmarkControl10k(b *testing.B) {
	ctx := context.Background()
	e, in := largeInput(b)
	if _, err := e.analysisOf(in); err != nil {
		b.Fatal(err)
	}
	for _, c := range e.applicable(in.Snapshot) {
		if c.Provider != "aws" {
			continue
		}
		b.Run(c.ID, func(b *testing.B) {
			cpu := testutil.CPUTime()
			for b.Loop() {
				if _, err := e.evalControl(ctx, c, in, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((testutil.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
