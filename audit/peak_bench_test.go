package audit

import (
	"context"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/clouds"
	"github.com/rampart-sec/rampart/internal/synth"
	"github.com/rampart-sec/rampart/reports"
)

// BenchmarkPeakHeap10kUsers10kRoles measures memory, not time: the peak
// of the Go heap while one account of 10,000 users and 10,000 roles is
// evaluated and its JSON report written, as `rampart eval` does. It
// reports peak-heap-MiB (heap objects, garbage included: what the process
// must hold), peak-live-MiB (the most any collection found live: what no
// GC tuning removes) and results. One iteration is enough:
//
//	go test -p 1 -run '^$' -bench PeakHeap -benchtime 1x ./audit
//
// The peak RSS of the real command, which adds the runtime's own overhead
// (free and unused heap pages, metadata), is measured by
// scripts/peak-rss.sh.
func BenchmarkPeakHeap10kUsers10kRoles(b *testing.B) {
	ctx := context.Background()
	p, err := Prepare(ctx, Options{Config: clouds.DefaultConfig(), Importers: clouds.Importers(), Analysis: clouds.Analysis})
	if err != nil {
		b.Fatal(err)
	}
	rep, err := reports.New("json", reports.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var peakHeap, peakLive uint64
	var n int
	for b.Loop() {
		b.StopTimer()
		in, err := InputOf(synth.LargeAWS(10000, 10000))
		if err != nil {
			b.Fatal(err)
		}
		// The CLI keeps no reference to the snapshot's JSON (see eval.go).
		in.JSON = nil
		runtime.GC()
		runtime.GC()
		w := watchHeap()
		b.StartTimer()
		r, _, err := p.Run(ctx, in, "bench.json")
		if err != nil {
			b.Fatal(err)
		}
		if err := rep.Write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
		heap, live := w.stop()
		peakHeap, peakLive = max(peakHeap, heap), max(peakLive, live)
		n = len(r.Results)
	}
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(peakLive)/(1<<20), "peak-live-MiB")
	b.ReportMetric(float64(n), "results")
}

// heapWatch polls the heap every millisecond: between collections the
// heap only grows, so a poll misses at most a millisecond of growth.
type heapWatch struct {
	done       chan struct{}
	wg         sync.WaitGroup
	heap, live uint64
}

func watchHeap() *heapWatch {
	w := &heapWatch{done: make(chan struct{})}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			w.heap, w.live = max(w.heap, s[0].Value.Uint64()), max(w.live, s[1].Value.Uint64())
			select {
			case <-w.done:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

func (w *heapWatch) stop() (heap, live uint64) {
	close(w.done)
	w.wg.Wait()
	return w.heap, w.live
}
