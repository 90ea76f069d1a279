package policies

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/rampart-sec/rampart/internal/synth"
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

// BenchmarkEvaluate10kUsers10kRoles evaluates every built-in control over
// one account of 10,000 users and 10,000 roles, from an already converted
// input: the cost of the policies themselves.
func BenchmarkEvaluate10kUsers10kRoles(b *testing.B) {
	ctx := context.Background()
	raw := largeSnapshotJSON(b)
	snap, err := snapshot.Decode("bench.json", raw)
	if err != nil {
		b.Fatal(err)
	}
	e := builtinEngine(b)
	in, err := NewInput(snap, raw)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for b.Loop() {
		rs, err := e.Evaluate(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		n = len(rs)
	}
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
