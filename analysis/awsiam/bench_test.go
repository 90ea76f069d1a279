package awsiam

import (
	"testing"

	"github.com/rampart-sec/rampart/internal/synth"
	"github.com/rampart-sec/rampart/internal/testutil"
)

// BenchmarkAnalysisScoped10k is Facts over synth.ScopedAWS(10000, 10000):
// the account of BenchmarkAnalysis10kUsers10kRoles (package policies)
// with its escalating grants scoped to name patterns, so that no actor's
// grant is the same for every role or policy of the account.
func BenchmarkAnalysisScoped10k(b *testing.B) { benchFacts(b, 10000) }

// BenchmarkAnalysisScoped5k and BenchmarkAnalysisScoped2k show how it
// grows.
func BenchmarkAnalysisScoped5k(b *testing.B) { benchFacts(b, 5000) }
func BenchmarkAnalysisScoped2k(b *testing.B) { benchFacts(b, 2000) }

func benchFacts(b *testing.B, n int) {
	snap := synth.ScopedAWS(n, n)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := testutil.CPUTime()
	for b.Loop() {
		Facts(snap)
	}
	// CPU seconds beside wall time: on a shared machine the wall time
	// says more about the neighbours than about rampart.
	b.ReportMetric((testutil.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}
