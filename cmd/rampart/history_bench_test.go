package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/rampart-sec/rampart/audit"
	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/history/pgtest"
	"github.com/rampart-sec/rampart/results"
)

// The figures of docs/scheduled-scans.md:
//
//	go test ./cmd/rampart -run '^$' -bench 'History' -benchtime 1x
//
// 100 nightly scans of examples/aws-org.json (583 results each), one day
// apart; every third night a tenth of the FAIL findings pass (and fail
// again the night after), so diffs and trends have something to say.
func BenchmarkHistory(b *testing.B) {
	reports := nightlyReports(b, 100)
	for _, be := range []struct {
		name string
		dsn  func(b *testing.B) (dsn string, size func() int64)
	}{
		{"sqlite", func(b *testing.B) (string, func() int64) {
			path := filepath.Join(b.TempDir(), "history.db")
			return path, func() int64 {
				var n int64
				for _, suffix := range []string{"", "-wal"} {
					if st, err := os.Stat(path + suffix); err == nil {
						n += st.Size()
					}
				}
				return n
			}
		}},
		{"postgres", func(b *testing.B) (string, func() int64) {
			dsn := pgtest.Need(b).NewDatabase(b)
			return dsn, func() int64 {
				db, err := sql.Open("pgx", dsn)
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				var n int64
				if err := db.QueryRow("SELECT pg_database_size(current_database()) - pg_database_size('template1')").Scan(&n); err != nil {
					b.Fatal(err)
				}
				return n
			}
		}},
	} {
		b.Run(be.name, func(b *testing.B) {
			parent := b
			ctx := context.Background()
			var st history.Store
			var size func() int64
			b.Run("record-100-scans", func(b *testing.B) {
				for range b.N {
					var dsn string
					// The parent owns the store: it outlives this sub-benchmark.
					dsn, size = be.dsn(parent)
					var err error
					if st, err = history.Open(ctx, dsn); err != nil {
						b.Fatal(err)
					}
					for _, r := range reports {
						if _, err := st.Record(ctx, r, history.Meta{RampartVersion: "bench"}); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.ReportMetric(float64(size())/1e6, "MB-stored")
			})
			defer st.Close()
			scans, err := st.Scans(ctx, history.Filter{Limit: 2})
			if err != nil || len(scans) != 2 {
				b.Fatal(err)
			}
			b.Run("diff-last-two", func(b *testing.B) {
				for range b.N {
					if _, err := st.Diff(ctx, history.Ref{Scan: scans[1].ID}, history.Ref{Scan: scans[0].ID}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("trend-100-days", func(b *testing.B) {
				w := history.Window{From: reports[0].Snapshot.CollectedAt, To: reports[len(reports)-1].Snapshot.CollectedAt}
				for range b.N {
					tr, err := st.Trend(ctx, w)
					if err != nil || len(tr.Days) != 100 {
						b.Fatal(err)
					}
				}
			})
			b.Run("history-list", func(b *testing.B) {
				for range b.N {
					scans, err := st.Scans(ctx, history.Filter{})
					if err != nil || len(history.Runs(scans)) != 100 {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// nightlyReports evaluates the example once and dates n copies a day apart.
func nightlyReports(b *testing.B, n int) []*results.Report {
	ctx := context.Background()
	cfg, err := clouds.LoadConfig(exampleConfig)
	if err != nil {
		b.Fatal(err)
	}
	p, err := audit.Prepare(ctx, audit.Options{Config: cfg, Importers: clouds.Importers(), Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	in, err := p.Open(example)
	if err != nil {
		b.Fatal(err)
	}
	base, _, err := p.Run(ctx, in, example)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]*results.Report, n)
	for i := range n {
		r := *base
		r.Snapshot.CollectedAt = base.Snapshot.CollectedAt.Add(time.Duration(i-n) * 24 * time.Hour)
		r.Results = append([]results.Result(nil), base.Results...)
		if i%3 == 1 {
			k := 0
			for j := range r.Results {
				if r.Results[j].Status == results.Fail && k%10 == 0 {
					r.Results[j].Status = results.Pass
				}
				if r.Results[j].Status == results.Fail {
					k++
				}
			}
		}
		out[i] = &r
	}
	return out
}
