package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/history"
	"github.com/rampart-sec/rampart/history/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

const exampleConfig = "../../examples/rampart.yaml"

// storeBackends are the stores the CLI tests record into.
var storeBackends = []struct {
	name string
	dsn  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "history.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.Need(t).NewDatabase(t) }},
}

func TestRecordNewOnlyHistoryDiffTrend(t *testing.T) {
	for _, b := range storeBackends {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			// The DSN comes from the environment, as in the Kubernetes
			// CronJob; --store alone says "record".
			t.Setenv(history.EnvStore, dsn)
			dir := t.TempDir()
			metrics := filepath.Join(dir, "rampart.prom")
			evalArgs := func(extra ...string) []string {
				return append([]string{"eval", example, "--config", exampleConfig, "-f", "json", "-o", filepath.Join(dir, "r.json"), "--store"}, extra...)
			}
			// First scan: every finding is new.
			code, _, errs := rampart(t, evalArgs("--new-only", "--fail-on", "high", "--metrics-file", metrics, "--store-snapshot")...)
			if code != exitFindings || !strings.Contains(errs, "no earlier stored scan of these scopes") {
				t.Fatalf("first scan: exit %d, stderr %s", code, errs)
			}
			// The same again: nothing new.
			if code, _, errs := rampart(t, evalArgs("--new-only", "--fail-on", "high")...); code != exitOK {
				t.Fatalf("unchanged scan: exit %d, stderr %s", code, errs)
			}
			// A year on, time-based controls fail anew.
			if code, _, errs := rampart(t, evalArgs("--new-only", "--fail-on", "low", "--now", "2027-12-01T00:00:00Z")...); code != exitFindings {
				t.Fatalf("later scan: exit %d, stderr %s", code, errs)
			}

			code, out, errs := rampart(t, "history", "-f", "json")
			if code != exitOK {
				t.Fatalf("history: %d %s", code, errs)
			}
			var h struct{ Runs []history.Run }
			if err := json.Unmarshal([]byte(out), &h); err != nil || len(h.Runs) != 3 {
				t.Fatalf("history: %v %s", err, out)
			}
			if h.Runs[0].Counts.ByStatus["FAIL"] <= h.Runs[2].Counts.ByStatus["FAIL"] || len(h.Runs[0].Scopes) != 4 || !h.Runs[2].Scans[0].HasSnapshot {
				t.Errorf("history runs: %+v", h.Runs)
			}
			code, out, errs = rampart(t, "diff", "-f", "json")
			var d history.Diff
			if code != exitOK || json.Unmarshal([]byte(out), &d) != nil {
				t.Fatalf("diff: %d %s %s", code, errs, out)
			}
			if len(d.New) == 0 || len(d.StillOpen) == 0 || d.To.Ref != h.Runs[0].Ref || d.From.Ref != h.Runs[1].Ref {
				t.Errorf("diff of the last two scans: %d new, %d open, %v -> %v", len(d.New), len(d.StillOpen), d.From.Ref, d.To.Ref)
			}
			if code, out, _ := rampart(t, "diff", h.Runs[2].Ref.String(), h.Runs[1].Ref.String(), "-f", "markdown"); code != exitOK ||
				!strings.Contains(out, "## rampart diff") || !strings.Contains(out, "0 new, 0 resolved") {
				t.Errorf("diff of two identical scans: %s", out)
			}
			code, out, _ = rampart(t, "trend", "--from", "2026-10-30", "--to", "2026-11-02", "-f", "json")
			var tr history.Trend
			if code != exitOK || json.Unmarshal([]byte(out), &tr) != nil || len(tr.Days) != 4 {
				t.Fatalf("trend: %d %s", code, out)
			}
			if tr.Days[0].Total != 0 || tr.Days[2].Total != h.Runs[0].Counts.ByStatus["FAIL"] || tr.Days[2].Scopes != 4 {
				t.Errorf("trend days: %+v", tr.Days)
			}
			if code, out, _ := rampart(t, "trend", "--days", "7"); code != exitOK || !strings.Contains(out, "MEAN TIME TO REMEDIATE") {
				t.Errorf("trend table: %s", out)
			}
			checkMetrics(t, metrics)

			if code, out, _ := rampart(t, "store", "prune", "--keep", "100000d"); code != exitOK || !strings.HasPrefix(out, "pruned 0 scans") {
				t.Errorf("prune keeping everything: %s", out)
			}
			if code, out, _ := rampart(t, "store", "prune", "--keep", "1h"); code != exitOK || !strings.HasPrefix(out, "pruned 3 scans") {
				t.Errorf("prune: %s", out)
			}
		})
	}
}

// checkMetrics reads the file as the Prometheus text format: every line a
// comment or `name{labels} value`, and the families a scheduler needs.
func checkMetrics(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sample := regexp.MustCompile(`^[a-z_]+(\{([a-z_]+="[^"\\]*",?)+\})? -?[0-9.]+$`)
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if !strings.HasPrefix(line, "# HELP ") && !strings.HasPrefix(line, "# TYPE ") && !sample.MatchString(line) {
			t.Errorf("%s:%d: not Prometheus text format: %q", path, i+1, line)
		}
	}
	for _, want := range []string{
		`rampart_results{control="aws-root-mfa",severity="critical",status="FAIL"} 1`,
		`rampart_results{control="aws-root-mfa",severity="critical",status="ERROR"} 0`,
		`rampart_findings{severity="critical"} 5`,
		"rampart_collection_errors 0", "rampart_scopes 4", "rampart_run_duration_seconds ", "rampart_stored_scan_id ",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestStoreCommandsRefuseBadInput(t *testing.T) {
	t.Setenv(history.EnvStore, "")
	dir := t.TempDir()
	store := filepath.Join(dir, "h.db")
	out := filepath.Join(dir, "previous.txt")
	if err := os.WriteFile(out, []byte("previous good output\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"store path after a space", []string{"eval", example, "--store", store}, "--store takes its DSN after '=' (--store=" + store + ")"},
		{"unknown store scheme", []string{"eval", example, "--store=mysql://u:secret@db/x"}, `--store "mysql://u:***@db/x": expected a postgres:// DSN or a SQLite file path`},
		{"run without store", []string{"eval", example, "--run", "nightly"}, "--run and --store-snapshot apply to a scan recorded with --store"},
		{"shard without run", []string{"scan", "aws", "--shard", "0/2", "--store=" + store}, "--shard 0/2 needs --run ID"},
		{"bad shard", []string{"scan", "aws", "--shard", "2/2", "--run", "r", "--store=" + store}, `--shard "2/2": expected 0 <= INDEX < COUNT`},
		{"history format", []string{"history", "--store", store, "-f", "sarif"}, `--format "sarif": expected one of table, json, markdown`},
		{"diff of an empty store", []string{"diff", "--store", store, "-o", out}, "no complete scan stored yet"},
		{"diff of unknown scans", []string{"diff", "7", "9", "--store", store, "-o", out}, "scan 7: not in the store"},
		{"diff bad ref", []string{"diff", "0", "--store", store}, `scan reference "0": scan IDs start at 1`},
		{"trend bad date", []string{"trend", "--from", "31/01/2026", "--store", store}, `--from "31/01/2026": expected a date such as 2026-01-31`},
		{"trend bad days", []string{"trend", "--days", "0", "--store", store}, "--days 0: expected 1 to 3660"},
		{"trend backwards", []string{"trend", "--from", "2026-02-01", "--to", "2026-01-01", "--store", store}, "--from 2026-02-01 is after --to 2026-01-01"},
		{"prune without keep", []string{"store", "prune", "--store", store}, "--keep is required"},
		{"prune bad keep", []string{"store", "prune", "--keep", "ninety days", "--store", store}, `--keep "ninety days": expected an age such as 90d`},
		{"prune zero", []string{"store", "prune", "--keep", "0d", "--store", store}, "must be more than zero"},
		{"store that is not one", []string{"history", "--store", example}, example},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := rampart(t, c.args...)
			if code != exitError || !strings.Contains(errs, c.want) || strings.Contains(errs, "secret") {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errs, c.want)
			}
		})
	}
	if data, _ := os.ReadFile(out); string(data) != "previous good output\n" {
		t.Errorf("a failed command overwrote its output: %q", data)
	}
}
