package history

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rampart-sec/rampart/history/pgtest"
	"github.com/rampart-sec/rampart/results"
	"github.com/rampart-sec/rampart/snapshot"
)

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(helperMain())
	}
	os.Exit(pgtest.Main(m))
}

// backend opens a fresh, empty store of one kind and returns it with its
// DSN (to open more handles on the same store).
type backend struct {
	name  string
	fresh func(t *testing.T) string
}

// backends is the table every store test runs over: the same suite for
// SQLite and PostgreSQL.
var backends = []backend{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "history.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.Need(t).NewDatabase(t) }},
}

// eachBackend runs fn as a subtest per backend.
func eachBackend(t *testing.T, fn func(t *testing.T, dsn string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { fn(t, b.fresh(t)) })
	}
}

func open(t *testing.T, dsn string) *sqlStore {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s.(*sqlStore)
}

// day0 is the first day of the test sequences.
var day0 = time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)

func dayN(n int) time.Time { return day0.AddDate(0, 0, n) }

// res describes a result compactly: control, account, resource, severity
// and status; the region is empty.
type res struct {
	control, account, resource string
	sev                        results.Severity
	status                     results.Status
}

func (r res) result() results.Result {
	return results.Result{
		ID: results.ResultID(r.control, r.account, "", r.resource), Control: r.control, Severity: r.sev, Status: r.status,
		Provider: "aws", Account: r.account, Resource: r.resource, ResourceType: "AWS::IAM::User",
		Message: r.control + " on " + r.resource, Evidence: map[string]any{"resource": r.resource, "n": 1.0},
	}
}

func id(control, account, resource string) string {
	return results.ResultID(control, account, "", resource)
}

// scan builds a report collected at `at` over the given AWS accounts, with
// the controls of rs evaluated (plus extra).
func scan(at time.Time, accounts []string, rs []res, extraControls ...string) *results.Report {
	var scopes []snapshot.Scope
	for _, a := range accounts {
		scopes = append(scopes, snapshot.Scope{Provider: "aws", Account: a, Name: "acct-" + a, Resource: "arn:aws:iam::" + a + ":root"})
	}
	var out []results.Result
	controls := map[string]results.Severity{}
	for _, r := range rs {
		out = append(out, r.result())
		controls[r.control] = r.sev
	}
	for _, c := range extraControls {
		if _, ok := controls[c]; !ok {
			controls[c] = results.Medium
		}
	}
	var infos []results.Control
	for c, sev := range controls {
		infos = append(infos, results.Control{ID: c, Severity: sev})
	}
	results.Sort(out)
	return &results.Report{
		Schema: results.Schema,
		Snapshot: results.SnapshotInfo{Digest: "sha256:" + at.Format("20060102150405"), CollectedAt: at, EvaluatedAt: at,
			Source: snapshot.SourceAPI, Scopes: scopes},
		Summary: results.Summarize(sortedInfos(infos), out),
		Results: out,
	}
}

func sortedInfos(in []results.Control) []results.Control {
	for i := range in {
		for j := i + 1; j < len(in); j++ {
			if in[j].ID < in[i].ID {
				in[i], in[j] = in[j], in[i]
			}
		}
	}
	return in
}

func record(t *testing.T, s Store, r *results.Report, m Meta) Scan {
	t.Helper()
	sc, err := s.Record(context.Background(), r, m)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func ids(rs []results.Result) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}
