package reports

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/rampart-sec/rampart/results"
)

// BenchmarkHTML renders the audit report of a small and of a 500-account
// organization (syntheticOrg) and reports the page size as html-bytes.
// With RAMPART_BENCH_RESULTS naming a results file (e.g. of the example
// grown by go run ./examples/gen -accounts 500, then rampart eval -f json),
// that report is rendered too.
func BenchmarkHTML(b *testing.B) {
	reps := map[string]*results.Report{}
	for _, n := range []int{4, 500} {
		reps[fmt.Sprintf("synthetic-accounts=%d", n)] = syntheticOrg(n)
	}
	if f := os.Getenv("RAMPART_BENCH_RESULTS"); f != "" {
		rep, err := results.ReadReport(f)
		if err != nil {
			b.Fatal(err)
		}
		reps[fmt.Sprintf("file-accounts=%d", len(rep.Snapshot.Scopes))] = rep
	}
	for name, rep := range reps {
		b.Run(name, func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := (&HTML{}).Write(&buf, rep); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "html-bytes")
		})
	}
}
