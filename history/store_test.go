package history

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
)

func TestRecordAndReadBack(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		r := scan(dayN(0), []string{a1, a2}, []res{
			{"mfa", a1, "userA", results.High, results.Fail}, {"mfa", a2, "userB", results.High, results.Pass},
			{"root", a1, "root", results.Critical, results.Error}, {"keys", a2, "userC", results.Medium, results.Waived},
		})
		r.Results[0].Region = "eu-west-1"
		r.Results[0].ID = results.ResultID("mfa", a1, "eu-west-1", "userA")
		r.Results[0].Evidence = map[string]any{"nested": map[string]any{"list": []any{"a", 2.5, true}}, "null": nil}
		r.Snapshot.CollectionErrors = 3
		snap := []byte(`{"schema":"rampart.snapshot/v1","big":"` + strings.Repeat("x", 10000) + `"}`)
		sc := record(t, s, r, Meta{RampartVersion: "v1.2.3", CatalogueVersion: "cat-9", Snapshot: snap})

		scans, err := s.Scans(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(scans) != 1 {
			t.Fatalf("%d scans", len(scans))
		}
		got := scans[0]
		if got.ID != sc.ID || !got.ScannedAt.Equal(dayN(0)) || got.Digest != r.Snapshot.Digest || got.RampartVersion != "v1.2.3" ||
			got.CatalogueVersion != "cat-9" || got.CollectionErrors != 3 || !got.HasSnapshot || got.Source != "api" || got.Run != "" || !got.Shard.IsZero() {
			t.Errorf("scan %+v", got)
		}
		wantScopes := []Scope{{"aws", a1, "acct-" + a1}, {"aws", a2, "acct-" + a2}}
		if !reflect.DeepEqual(got.Scopes, wantScopes) {
			t.Errorf("scopes %+v", got.Scopes)
		}
		if got.Counts.Total != 4 || got.Counts.ByStatus[results.Fail] != 1 || got.Counts.ByStatus[results.Waived] != 1 ||
			got.Counts.BySeverity[results.Critical][results.Error] != 1 || got.Counts.BySeverity[results.High][results.Pass] != 1 {
			t.Errorf("counts %+v", got.Counts)
		}
		if !reflect.DeepEqual(got.Counts, sc.Counts) {
			t.Errorf("counts read back %+v, recorded %+v", got.Counts, sc.Counts)
		}

		rs, err := s.Results(context.Background(), Ref{Scan: sc.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := append([]results.Result(nil), r.Results...)
		for i := range want {
			// What the store keeps of a result; the rest is the catalogue's.
			want[i].Title, want[i].Remediation, want[i].Frameworks, want[i].MITRE, want[i].Escalation = "", "", nil, nil, ""
		}
		results.Sort(want)
		if !reflect.DeepEqual(rs, want) {
			t.Errorf("results read back:\n got %+v\nwant %+v", rs, want)
		}
		data, ok, err := s.Snapshot(context.Background(), sc.ID)
		if err != nil || !ok || string(data) != string(snap) {
			t.Errorf("snapshot read back: ok=%v err=%v len=%d", ok, err, len(data))
		}
		if _, ok, err := s.Snapshot(context.Background(), sc.ID+1); ok || err != nil {
			t.Errorf("snapshot of a scan without one: ok=%v err=%v", ok, err)
		}
	})
}

func TestRecordRefusesBadInput(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		dup := scan(dayN(0), []string{a1}, []res{{"mfa", a1, "u", results.High, results.Fail}})
		dup.Results = append(dup.Results, dup.Results[0])
		undated := scan(dayN(0), []string{a1}, nil)
		undated.Snapshot.CollectedAt = time.Time{}
		cases := []struct {
			name string
			r    *results.Report
			m    Meta
			want string
		}{
			{"nil report", nil, Meta{}, "nothing to record"},
			{"shard without run", scan(dayN(0), []string{a1}, nil), Meta{Shard: Shard{Index: 0, Count: 2}}, "needs a run ID"},
			{"no collection time", undated, Meta{}, "no collection time"},
			{"duplicate result IDs", dup, Meta{}, "nothing was stored"},
		}
		for _, c := range cases {
			_, err := s.Record(context.Background(), c.r, c.m)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v, want %q", c.name, err, c.want)
			}
		}
		if st := storeState(t, s); !strings.HasPrefix(st, "scans=0 scan_scopes=0 scan_controls=0 results=0 snapshots=0 findings=0") {
			t.Errorf("a refused record left rows: %s", st)
		}
	})
}

func TestUnknownReferences(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		for _, ref := range []Ref{{Scan: 42}, {Run: "nightly-1"}} {
			if _, err := s.Results(context.Background(), ref); !IsNotFound(err) {
				t.Errorf("results of %v: %v", ref, err)
			}
			if _, err := s.Diff(context.Background(), ref, ref); !IsNotFound(err) || !strings.Contains(err.Error(), "rampart history") {
				t.Errorf("diff of %v: %v", ref, err)
			}
		}
	})
}

func TestPrune(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		recordSequence(t, s)
		// Before day 3: scans of days 0 and 1 go; fB (resolved day 1) goes;
		// fK, open since day 1, stays with its first-seen date.
		p, err := s.Prune(context.Background(), dayN(3))
		if err != nil {
			t.Fatal(err)
		}
		if p.Scans != 2 || p.Findings != 1 {
			t.Errorf("pruned %+v, want 2 scans and 1 finding", p)
		}
		scans, err := s.Scans(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(scans) != 2 || !scans[1].ScannedAt.Equal(dayN(3)) {
			t.Errorf("scans left: %+v", scans)
		}
		if st := storeState(t, s); !strings.Contains(st, "scan_scopes=3 ") || !strings.Contains(st, "results=5 ") || !strings.Contains(st, "findings=4 ") {
			t.Errorf("rows left: %s", st)
		}
		fs, err := s.Findings(context.Background(), FindingFilter{IDs: []string{fK}})
		if err != nil || len(fs) != 1 || !fs[0].FirstSeen.Equal(dayN(1)) {
			t.Errorf("open finding after prune: %+v %v", fs, err)
		}
		tr, err := s.Trend(context.Background(), Window{From: dayN(3), To: dayN(4)})
		if err != nil {
			t.Fatal(err)
		}
		if tr.Days[1].Total != 1 || tr.MTTR[0].Resolved != 2 {
			t.Errorf("trend after prune: %+v", tr)
		}
	})
}

func TestOpenRefusesWhatIsNotAStore(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("these are not the droids\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ dsn, want string }{
		{"mysql://user:secret@db/x", `expected a postgres:// DSN or a SQLite file path`},
		{notDB, notDB},
		{"postgres://rampart:secret@127.0.0.1:1/x?sslmode=disable&connect_timeout=5", "postgres://127.0.0.1:1/x"},
	}
	for _, c := range cases {
		s, err := Open(context.Background(), c.dsn)
		if err == nil {
			s.Close()
			t.Errorf("%s: opened", c.dsn)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: %v, want %q and no password", c.dsn, err, c.want)
		}
	}
	if data, _ := os.ReadFile(notDB); string(data) != "these are not the droids\n" {
		t.Errorf("a file that is not a store was changed: %q", data)
	}
}

func TestDefaultPath(t *testing.T) {
	cases := []struct{ xdg, home, want string }{
		{"/data", "/home/u", "/data/rampart/history.db"},
		{"", "/home/u", "/home/u/.local/share/rampart/history.db"},
		{"relative/dir", "/home/u", "/home/u/.local/share/rampart/history.db"},
	}
	for _, c := range cases {
		t.Setenv("XDG_DATA_HOME", c.xdg)
		t.Setenv("HOME", c.home)
		got, err := DefaultPath()
		if err != nil || got != c.want {
			t.Errorf("XDG_DATA_HOME=%q HOME=%q: %q %v, want %q", c.xdg, c.home, got, err, c.want)
		}
	}
}
