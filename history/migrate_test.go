package history

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func schemaVersion(t *testing.T, dsn string) int64 {
	t.Helper()
	db, d, err := connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := provider(db, d)
	if err != nil {
		t.Fatal(err)
	}
	v, err := p.GetDBVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrateEmptyStoreAndBackDown(t *testing.T) {
	if SchemaVersion() != 2 {
		t.Fatalf("SchemaVersion() = %d: a new migration needs a fixture of the schema before it (testdata/) and this test updated", SchemaVersion())
	}
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		if v := schemaVersion(t, dsn); v != SchemaVersion() {
			t.Fatalf("new store at version %d, want %d", v, SchemaVersion())
		}
		s.Close()
		// Every down migration runs, and up again gives a working store.
		db, d, err := connect(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		p, err := provider(db, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(context.Background(), 0); err != nil {
			t.Fatalf("down: %v", err)
		}
		if _, err := db.Exec("SELECT 1 FROM scans"); err == nil {
			t.Error("scans table still there after migrating down to 0")
		}
		db.Close()
		s = open(t, dsn)
		record(t, s, scan(dayN(0), []string{a1}, []res{{"mfa", a1, "u", results.High, results.Fail}}), Meta{Run: "r", Shard: Shard{0, 1}})
	})
}

func TestMigrateFromVersion1(t *testing.T) {
	fixture, err := os.ReadFile("testdata/v1-store.sql")
	if err != nil {
		t.Fatal(err)
	}
	eachBackend(t, func(t *testing.T, dsn string) {
		db, d, err := connect(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		p, err := provider(db, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.UpTo(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
		for _, stmt := range strings.Split(string(fixture), ";\n") {
			if strings.TrimSpace(stmt) == "" || strings.HasPrefix(strings.TrimSpace(stmt), "--") && !strings.Contains(stmt, "INSERT") {
				continue
			}
			if _, err := db.Exec(stmt); err != nil {
				t.Fatalf("fixture: %v\n%s", err, stmt)
			}
		}
		db.Close()

		s := open(t, dsn)
		if v := schemaVersion(t, dsn); v != SchemaVersion() {
			t.Errorf("migrated store at version %d, want %d", v, SchemaVersion())
		}
		scans, err := s.Scans(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		old := time.Date(2026, 2, 1, 6, 0, 0, 0, time.UTC)
		if len(scans) != 1 || !scans[0].ScannedAt.Equal(old) || scans[0].Run != "" || !scans[0].Shard.IsZero() ||
			scans[0].Counts.ByStatus[results.Fail] != 1 || scans[0].RampartVersion != "v0.9.0" {
			t.Fatalf("version 1 scan after migration: %+v", scans)
		}
		rs, err := s.Results(context.Background(), Ref{Scan: scans[0].ID})
		if err != nil || len(rs) != 1 || rs[0].Evidence["mfa_active"] != false || rs[0].Severity != results.High {
			t.Fatalf("version 1 results after migration: %+v %v", rs, err)
		}
		// The next scan (sharded, a version 2 feature) resolves the old finding.
		next := &results.Report{Schema: results.Schema, Snapshot: results.SnapshotInfo{CollectedAt: old.AddDate(0, 0, 3), Digest: "sha256:next",
			Scopes: []snapshot.Scope{{Provider: "aws", Account: "111111111111"}}},
			Summary: results.Summarize([]results.Control{{ID: "mfa", Severity: results.High}}, nil)}
		record(t, s, next, Meta{Run: "nightly", Shard: Shard{Index: 0, Count: 1}})
		tr, err := s.Trend(context.Background(), Window{From: old, To: old.AddDate(0, 0, 3)})
		if err != nil {
			t.Fatal(err)
		}
		if tr.MTTR[1].Severity != results.High || tr.MTTR[1].Resolved != 1 || tr.MTTR[1].MeanDays != 3 {
			t.Errorf("MTTR across the migration: %+v", tr.MTTR)
		}
	})
}

func TestNewerStoreIsRefused(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		if _, err := s.db.Exec("INSERT INTO " + versionTable + " (version_id, is_applied) VALUES (99, true)"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		_, err := Open(context.Background(), dsn)
		if !errors.Is(err, errNewerSchema) || !strings.Contains(err.Error(), "schema version 99, this rampart knows up to 2; upgrade rampart") {
			t.Fatalf("opening a store from the future: %v", err)
		}
		if v := schemaVersion(t, dsn); v != 99 {
			t.Errorf("refused store changed: version %d", v)
		}
	})
}
