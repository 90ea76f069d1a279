package audit

import (
	"context"
	"testing"

	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/internal/synth"
	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
)

// countingWriter counts the bytes of a report.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// benchReport evaluates every built-in control over one account of
// 10,000 users and 10,000 roles (outside the timer).
func benchReport(b *testing.B) *results.Report {
	b.Helper()
	ctx := context.Background()
	p, err := Prepare(ctx, Options{Config: clouds.DefaultConfig()})
	if err != nil {
		b.Fatal(err)
	}
	in, err := InputOf(synth.LargeAWS(10000, 10000))
	if err != nil {
		b.Fatal(err)
	}
	r, _, err := p.Run(ctx, in, "bench.json")
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkJSONReport10kUsers10kRoles writes the JSON report of that
// evaluation: the time and memory of the report alone, and its size.
func BenchmarkJSONReport10kUsers10kRoles(b *testing.B) {
	r := benchReport(b)
	for _, pass := range []string{"full", "summary"} {
		b.Run("pass="+pass, func(b *testing.B) {
			rep, err := reports.New("json", reports.Options{})
			if err != nil {
				b.Fatal(err)
			}
			r := r
			if pass == "summary" {
				// What the CLI does with --pass summary.
				cp := *r
				cp.PassSummary()
				r = &cp
			}
			var size int64
			b.ReportAllocs()
			for b.Loop() {
				w := &countingWriter{}
				if err := rep.Write(w, r); err != nil {
					b.Fatal(err)
				}
				size = w.n
			}
			b.ReportMetric(float64(size)/1e6, "MB-written")
			b.ReportMetric(float64(len(r.Results)), "results")
		})
	}
}
