package history

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// Two processes' worth of writers (two store handles, each with its own
// connections) recording at once.
func TestConcurrentWriters(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		stores := []*sqlStore{open(t, dsn), open(t, dsn)}
		const perWriter = 8
		accounts := []string{a1, a2}
		var wg sync.WaitGroup
		errs := make(chan error, 2*perWriter)
		for w, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				acct := accounts[w]
				for i := range perWriter {
					// Even scans fail the control, odd ones pass it: each
					// account's finding opens and resolves perWriter/2 times.
					st := results.Fail
					if i%2 == 1 {
						st = results.Pass
					}
					r := scan(dayN(i), []string{acct}, []res{{"mfa", acct, "user", results.High, st}, {"root", acct, "root", results.Critical, results.Fail}})
					if _, err := s.Record(context.Background(), r, Meta{}); err != nil {
						errs <- fmt.Errorf("writer %d scan %d: %w", w, i, err)
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		scans, err := stores[0].Scans(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(scans) != 2*perWriter {
			t.Errorf("%d scans stored, want %d", len(scans), 2*perWriter)
		}
		fs, err := stores[1].Findings(context.Background(), FindingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			switch f.Control {
			case "mfa":
				if f.ResolvedAt == nil || !f.ResolvedAt.Equal(dayN(perWriter-1)) || f.Reopened != perWriter/2-1 {
					t.Errorf("mfa finding of %s: %+v", f.Account, f)
				}
			case "root":
				if f.ResolvedAt != nil || f.Reopened != 0 || !f.LastSeen.Equal(dayN(perWriter-1)) {
					t.Errorf("root finding of %s: %+v", f.Account, f)
				}
			}
		}
		if len(fs) != 4 {
			t.Errorf("%d findings, want 4", len(fs))
		}
	})
}

// A writer holding its transaction open does not stop a writer of other
// accounts on PostgreSQL (per-scope locks), and makes one of the same
// account wait, not fail, on both backends.
func TestWriterInsideTransaction(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		holder, other := open(t, dsn), open(t, dsn)
		paused, release := make(chan struct{}), make(chan struct{})
		holder.pause = func(string) {
			close(paused)
			<-release
		}
		held := make(chan error, 1)
		go func() {
			_, err := holder.Record(context.Background(), scan(dayN(1), []string{a1}, []res{{"mfa", a1, "u", results.High, results.Fail}}), Meta{})
			held <- err
		}()
		<-paused
		done := make(chan error, 2)
		go func() {
			_, err := other.Record(context.Background(), scan(dayN(1), []string{a2}, []res{{"mfa", a2, "u", results.High, results.Fail}}), Meta{})
			done <- err
		}()
		waiting := 2
		if holder.d.name() == "postgres" {
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
				waiting--
			case <-time.After(time.Minute):
				t.Fatal("a scan of another account waited for an open transaction")
			}
		}
		go func() {
			_, err := other.Record(context.Background(), scan(dayN(2), []string{a1}, []res{{"mfa", a1, "u", results.High, results.Pass}}), Meta{})
			done <- err
		}()
		close(release)
		if err := <-held; err != nil {
			t.Fatal(err)
		}
		for range waiting {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		fs, err := other.Findings(context.Background(), FindingFilter{IDs: []string{id("mfa", a1, "u")}})
		if err != nil || len(fs) != 1 || fs[0].ResolvedAt == nil || !fs[0].ResolvedAt.Equal(dayN(2)) {
			t.Errorf("finding after queued writers: %+v %v", fs, err)
		}
	})
}
