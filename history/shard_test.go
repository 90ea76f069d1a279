package history

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/results"
)

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"0/1": {0, 1}, "3/4": {3, 4}, "11/12": {11, 12}} {
		got, err := ParseShard(in)
		if err != nil || got != want || got.String() != in {
			t.Errorf("ParseShard(%q) = %v, %v", in, got, err)
		}
	}
	for in, want := range map[string]string{
		"": "expected INDEX/COUNT", "3": "expected INDEX/COUNT", "a/4": "expected INDEX/COUNT",
		"4/4": "0 <= INDEX < COUNT", "-1/4": "0 <= INDEX < COUNT", "0/0": "COUNT >= 1",
	} {
		if _, err := ParseShard(in); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), fmt.Sprintf("--shard %q", in)) {
			t.Errorf("ParseShard(%q): %v, want %q", in, err, want)
		}
	}
}

func TestShardOwnsEachScopeOnce(t *testing.T) {
	// Pinned: a changed hash would move accounts between the shards of a
	// deployed CronJob; change it knowingly.
	pinned := map[string]int{"111111111111": 2, "222222222222": 3, "333333333333": 0, "444444444444": 1}
	for acct, want := range pinned {
		for i := range 4 {
			if got := (Shard{Index: i, Count: 4}).Owns(acct); got != (i == want) {
				t.Errorf("shard %d/4 owns %s: %v (want shard %d)", i, acct, got, want)
			}
		}
	}
	counts := make([]int, 5)
	for n := range 1000 {
		acct := fmt.Sprintf("%012d", 100000000000+n*7919)
		owners := 0
		for i := range 5 {
			if (Shard{Index: i, Count: 5}).Owns(acct) {
				owners++
				counts[i]++
			}
		}
		if owners != 1 {
			t.Fatalf("%s owned by %d shards", acct, owners)
		}
		if !(Shard{}).Owns(acct) {
			t.Fatal("the zero shard must own everything")
		}
	}
	for i, c := range counts {
		if c < 150 || c > 250 {
			t.Errorf("shard %d/5 owns %d of 1000 accounts: the hash does not spread", i, c)
		}
	}
}

func TestParseRef(t *testing.T) {
	for in, want := range map[string]Ref{"12": {Scan: 12}, "nightly-2026-03-01": {Run: "nightly-2026-03-01"}, "run:42": {Run: "42"}} {
		got, err := ParseRef(in)
		if err != nil || got != want {
			t.Errorf("ParseRef(%q) = %v, %v", in, got, err)
		}
		if back, _ := ParseRef(got.String()); back != got {
			t.Errorf("%v does not read back: %q", got, got.String())
		}
	}
	for _, bad := range []string{"", "0", "-3", "run:"} {
		if _, err := ParseRef(bad); err == nil {
			t.Errorf("ParseRef(%q) accepted", bad)
		}
	}
}

func TestShardedRuns(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		accts := []string{"100000000001", "100000000002", "100000000003"}
		shardScan := func(i int, st results.Status) *results.Report {
			return scan(dayN(0).Add(0), []string{accts[i]}, []res{{"mfa", accts[i], "u", results.High, st}})
		}
		record(t, s, shardScan(0, results.Fail), Meta{Run: "nightly", Shard: Shard{0, 3}})
		record(t, s, shardScan(2, results.Fail), Meta{Run: "nightly", Shard: Shard{2, 3}})
		record(t, s, scan(dayN(1), []string{a1}, nil, "mfa"), Meta{})
		runs := history(t, s)
		if len(runs) != 2 || runs[1].Ref != (Ref{Run: "nightly"}) || runs[1].Complete() || !reflect.DeepEqual(runs[1].Missing, []int{1}) {
			t.Fatalf("runs with shard 1 missing: %+v", runs)
		}
		// Shard 2 retried: the retry replaces the first attempt.
		record(t, s, shardScan(2, results.Pass), Meta{Run: "nightly", Shard: Shard{2, 3}})
		record(t, s, shardScan(1, results.Fail), Meta{Run: "nightly", Shard: Shard{1, 3}})
		runs = history(t, s)
		r := runs[1]
		if !r.Complete() || len(r.Scans) != 3 || len(r.Scopes) != 3 || r.Counts.ByStatus[results.Fail] != 2 || r.Counts.ByStatus[results.Pass] != 1 {
			t.Fatalf("complete run: %+v", r)
		}
		rs, err := s.Results(context.Background(), Ref{Run: "nightly"})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 3 {
			t.Errorf("run results: %+v", rs)
		}
		// The next night's run, complete: its previous run is last night's.
		for i := range 3 {
			record(t, s, scan(dayN(2), []string{accts[i]}, []res{{"mfa", accts[i], "u", results.High, results.Fail}}), Meta{Run: "nightly-2", Shard: Shard{i, 3}})
		}
		prev, ok, err := s.Previous(context.Background(), Ref{Run: "nightly-2"})
		if err != nil || !ok || prev != (Ref{Run: "nightly"}) {
			t.Errorf("previous of a run: %v %v %v", prev, ok, err)
		}
		d, err := s.Diff(context.Background(), prev, Ref{Run: "nightly-2"})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.New) != 1 || len(d.StillOpen) != 2 || len(d.Resolved) != 0 {
			t.Errorf("diff of two runs: %+v", d)
		}
		// A shard's previous scan is the same shard of the night before.
		scans, _ := s.Scans(context.Background(), Filter{Limit: 1})
		prev, ok, err = s.Previous(context.Background(), Ref{Scan: scans[0].ID})
		if err != nil || !ok || prev.Scan == 0 {
			t.Errorf("previous of a shard: %v %v %v", prev, ok, err)
		}
	})
}

func history(t *testing.T, s Store) []Run {
	t.Helper()
	scans, err := s.Scans(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return Runs(scans)
}

func TestShardKeepsItsOwnResults(t *testing.T) {
	r := scan(dayN(0), []string{"111111111111"}, []res{
		{"scp", "111111111111", "root", results.High, results.Fail}, // shard 2 of 4
		{"scp", "222222222222", "root", results.High, results.Pass}, // shard 3 of 4
		{"org", "", "org", results.Low, results.Fail},               // shard 0
	})
	for _, c := range []struct {
		shard Shard
		want  []string
		fails int
	}{
		{Shard{}, []string{"111111111111", "222222222222", ""}, 2},
		{Shard{0, 4}, []string{""}, 1},
		{Shard{2, 4}, []string{"111111111111"}, 1},
		{Shard{3, 4}, []string{"222222222222"}, 0},
		{Shard{1, 4}, []string{}, 0},
	} {
		got := c.shard.Keep(r)
		accts := []string{}
		for _, res := range got.Results {
			accts = append(accts, res.Account)
		}
		if !reflect.DeepEqual(sortedStrings(accts), sortedStrings(c.want)) || got.Summary.ByStatus[results.Fail] != c.fails || len(got.Summary.Controls) != 2 {
			t.Errorf("shard %v keeps %v (summary %+v), want %v", c.shard, accts, got.Summary.ByStatus, c.want)
		}
	}
	if len(r.Results) != 3 {
		t.Error("Keep changed the report it was given")
	}
}

func sortedStrings(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}
