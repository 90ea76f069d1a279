package history

import (
	"sort"
	"time"
)

// Run is what `rampart history` shows as one line: a scan that stands
// alone, or the shards of a sharded run taken together.
type Run struct {
	Ref Ref `json:"ref"`
	// Scans are the run's scans: for a sharded run, the latest record of
	// each shard (a retried shard replaces its earlier attempt).
	Scans []Scan `json:"scans"`
	// ShardCount is n of --shard i/n; 0 for unsharded scans.
	ShardCount int `json:"shard_count,omitempty"`
	// Missing lists the shard indexes not recorded yet.
	Missing []int `json:"missing_shards,omitempty"`
	// ScannedAt is the earliest collection time of the run's scans.
	ScannedAt        time.Time `json:"scanned_at"`
	Scopes           []Scope   `json:"scopes"`
	Counts           Counts    `json:"counts"`
	CollectionErrors int       `json:"collection_errors"`
}

// Complete reports whether every shard of the run is in.
func (r Run) Complete() bool { return len(r.Missing) == 0 }

// Runs groups scans (as Scans lists them) into runs, newest first. Scans
// without a run ID are runs of their own.
func Runs(scans []Scan) []Run {
	byRun := map[string][]Scan{}
	var order []Ref
	for _, sc := range scans {
		if sc.Run == "" {
			order = append(order, Ref{Scan: sc.ID})
			continue
		}
		if _, ok := byRun[sc.Run]; !ok {
			order = append(order, Ref{Run: sc.Run})
		}
		byRun[sc.Run] = append(byRun[sc.Run], sc)
	}
	single := map[int64]Scan{}
	for _, sc := range scans {
		if sc.Run == "" {
			single[sc.ID] = sc
		}
	}
	out := make([]Run, 0, len(order))
	for _, ref := range order {
		if ref.Run == "" {
			out = append(out, newRun(ref, []Scan{single[ref.Scan]}))
		} else {
			out = append(out, newRun(ref, byRun[ref.Run]))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ScannedAt.After(out[j].ScannedAt) })
	return out
}

// newRun builds a run from its scans. Of several records of one shard the
// one with the highest ID (the last recorded) counts.
func newRun(ref Ref, scans []Scan) Run {
	r := Run{Ref: ref, Counts: newCounts(), Scopes: []Scope{}}
	latest := map[Shard]Scan{}
	var kept []Scan
	for _, sc := range scans {
		if sc.Shard.IsZero() {
			kept = append(kept, sc)
			continue
		}
		if prev, ok := latest[sc.Shard]; !ok || sc.ID > prev.ID {
			latest[sc.Shard] = sc
		}
	}
	if len(latest) > 0 {
		// The newest record says how many shards the run has.
		r.ShardCount = newestSharded(scans).Shard.Count
		for i := 0; i < r.ShardCount; i++ {
			sc, ok := latest[Shard{Index: i, Count: r.ShardCount}]
			if !ok {
				r.Missing = append(r.Missing, i)
				continue
			}
			kept = append(kept, sc)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].Shard.Index != kept[j].Shard.Index {
			return kept[i].Shard.Index < kept[j].Shard.Index
		}
		return kept[i].ID < kept[j].ID
	})
	r.Scans = kept
	seen := map[Scope]bool{}
	for i, sc := range kept {
		if i == 0 || sc.ScannedAt.Before(r.ScannedAt) {
			r.ScannedAt = sc.ScannedAt
		}
		r.Counts.merge(sc.Counts)
		r.CollectionErrors += sc.CollectionErrors
		for _, p := range sc.Scopes {
			k := Scope{Provider: p.Provider, Account: p.Account}
			if !seen[k] {
				seen[k] = true
				r.Scopes = append(r.Scopes, p)
			}
		}
	}
	sortScopes(r.Scopes)
	return r
}

func newestSharded(scans []Scan) Scan {
	var out Scan
	for _, sc := range scans {
		if !sc.Shard.IsZero() && sc.ID > out.ID {
			out = sc
		}
	}
	return out
}
