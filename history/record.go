package history

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/results"
)

// Record stores the report as one scan in one transaction. The finding
// states it updates follow these rules, per finding ID:
//   - FAIL: seen; a new finding opens, a resolved one reopens.
//   - PASS, or absent while the scan covered the finding's account and
//     evaluated its control: resolved (an episode closes, for MTTR).
//   - ERROR or WAIVED: neither seen nor resolved: the scan could not
//     decide it, or a person accepted it; its state stays as it was.
//
// A scan older than what the store already knows of a finding does not
// move that finding's state back in time.
func (s *sqlStore) Record(ctx context.Context, r *results.Report, m Meta) (Scan, error) {
	if r == nil {
		return Scan{}, errors.New("history: nothing to record")
	}
	if !m.Shard.IsZero() && m.Run == "" {
		return Scan{}, errors.New("history: a shard needs a run ID (--run) to be grouped with the other shards")
	}
	if r.Snapshot.CollectedAt.IsZero() {
		return Scan{}, errors.New("history: the report has no collection time; it cannot be placed among the stored scans")
	}
	recorded := m.RecordedAt
	if recorded.IsZero() {
		recorded = time.Now()
	}
	sc := Scan{
		ScannedAt: norm(r.Snapshot.CollectedAt), EvaluatedAt: norm(r.Snapshot.EvaluatedAt), RecordedAt: norm(recorded),
		Source: string(r.Snapshot.Source), Scopes: scopesOf(r), Digest: r.Snapshot.Digest,
		RampartVersion: m.RampartVersion, CatalogueVersion: m.CatalogueVersion,
		CollectionErrors: r.Snapshot.CollectionErrors, Run: m.Run, Shard: m.Shard,
		HasSnapshot: m.Snapshot != nil, Counts: newCounts(),
	}
	for _, res := range r.Results {
		sc.Counts.add(res.Severity, res.Status, 1)
	}
	var blob []byte
	if m.Snapshot != nil {
		var err error
		if blob, err = compress(m.Snapshot); err != nil {
			return Scan{}, err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Scan{}, s.fail(err)
	}
	defer tx.Rollback()
	if err := s.d.lockScopes(ctx, tx, scopeKeys(sc.Scopes)); err != nil {
		return Scan{}, s.fail(err)
	}
	if sc.ID, err = s.insertScan(ctx, tx, sc); err != nil {
		return Scan{}, s.fail(err)
	}
	if err := s.insertDetails(ctx, tx, sc, r, blob); err != nil {
		return Scan{}, s.fail(err)
	}
	if s.pause != nil {
		s.pause("results")
	}
	if err := s.updateFindings(ctx, tx, sc, r.Results); err != nil {
		return Scan{}, s.fail(err)
	}
	if err := tx.Commit(); err != nil {
		return Scan{}, s.fail(err)
	}
	return sc, nil
}

func (s *sqlStore) fail(err error) error {
	return fmt.Errorf("history store %s: recording the scan (nothing was stored): %w", s.d.where(), err)
}

func (s *sqlStore) insertScan(ctx context.Context, tx *sql.Tx, sc Scan) (int64, error) {
	var run, shardIdx, shardCnt any
	if sc.Run != "" {
		run = sc.Run
	}
	if !sc.Shard.IsZero() {
		shardIdx, shardCnt = sc.Shard.Index, sc.Shard.Count
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO scans (scanned_at, evaluated_at, recorded_at, source, scope_hash,
		snapshot_digest, rampart_version, catalogue_version, collection_errors, run_id, shard_index, shard_count)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		s.d.timeArg(sc.ScannedAt), s.d.timeArg(sc.EvaluatedAt), s.d.timeArg(sc.RecordedAt), sc.Source, scopeHash(sc.Scopes),
		sc.Digest, sc.RampartVersion, sc.CatalogueVersion, sc.CollectionErrors, run, shardIdx, shardCnt).Scan(&id)
	return id, err
}

// insertDetails writes the scan's scopes, evaluated controls, results and
// snapshot.
func (s *sqlStore) insertDetails(ctx context.Context, tx *sql.Tx, sc Scan, r *results.Report, blob []byte) error {
	var rows [][]any
	for _, p := range sc.Scopes {
		rows = append(rows, []any{sc.ID, p.Provider, p.Account, p.Name})
	}
	if err := s.insertRows(ctx, tx, "INSERT INTO scan_scopes (scan_id, provider, account, name)", "", nil, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, c := range r.Summary.Controls {
		rows = append(rows, []any{sc.ID, c.Control, c.Severity.String()})
	}
	if err := s.insertRows(ctx, tx, "INSERT INTO scan_controls (scan_id, control, severity)", "", nil, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, res := range r.Results {
		ev := res.Evidence
		if ev == nil {
			ev = map[string]any{}
		}
		evidence, err := json.Marshal(ev)
		if err != nil {
			return fmt.Errorf("result %s: evidence: %w", res.ID, err)
		}
		rows = append(rows, []any{sc.ID, res.ID, res.Control, res.Severity.String(), string(res.Status), res.Provider,
			res.Account, res.Region, res.Resource, res.ResourceType, res.Message, string(evidence)})
	}
	if err := s.insertRows(ctx, tx, `INSERT INTO results (scan_id, id, control, severity, status, provider, account,
		region, resource, resource_type, message, evidence)`, "", resultTypes, rows); err != nil {
		return err
	}
	if blob != nil {
		if _, err := tx.ExecContext(ctx, "INSERT INTO snapshots (scan_id, digest, encoding, data) VALUES ($1, $2, 'gzip', $3)",
			sc.ID, sc.Digest, blob); err != nil {
			return err
		}
	}
	return nil
}

// The SQL types of the inserted columns that need one (dialect.param).
var (
	resultTypes     = []string{11: "jsonb"}
	findingTypes    = []string{7: "timestamptz", 8: "timestamptz", 9: "timestamptz", 10: "bigint", 11: "bigint"}
	resolutionTypes = []string{2: "timestamptz", 3: "timestamptz", 4: "bigint"}
)

// updateFindings applies Record's rules to the findings table.
func (s *sqlStore) updateFindings(ctx context.Context, tx *sql.Tx, sc Scan, rs []results.Result) error {
	t := s.d.timeArg(sc.ScannedAt)
	var fails []results.Result
	for _, r := range rs {
		if r.Status == results.Fail {
			fails = append(fails, r)
		}
	}
	// The same order in every writer: rows are locked in ID order.
	sort.Slice(fails, func(i, j int) bool { return fails[i].ID < fails[j].ID })
	rows := make([][]any, 0, len(fails))
	for _, r := range fails {
		rows = append(rows, []any{r.ID, r.Control, r.Provider, r.Account, r.Region, r.Resource, r.Severity.String(), t, t, t, sc.ID, sc.ID})
	}
	err := s.insertRows(ctx, tx, `INSERT INTO findings (id, control, provider, account, region, resource, severity,
		first_seen, last_seen, opened_at, first_scan, last_scan)`, `
		ON CONFLICT (id) DO UPDATE SET
			severity = excluded.severity,
			last_seen = excluded.last_seen,
			last_scan = excluded.last_scan,
			reopened = findings.reopened + CASE WHEN findings.resolved_at IS NULL THEN 0 ELSE 1 END,
			opened_at = CASE WHEN findings.resolved_at IS NULL THEN findings.opened_at ELSE excluded.opened_at END,
			resolved_at = NULL,
			resolved_scan = NULL
		WHERE findings.last_seen <= excluded.last_seen
		  AND (findings.resolved_at IS NULL OR findings.resolved_at <= excluded.last_seen)`, findingTypes, rows)
	if err != nil {
		return fmt.Errorf("updating findings: %w", err)
	}
	resolved, err := tx.QueryContext(ctx, `UPDATE findings SET resolved_at = $1, resolved_scan = $2
		WHERE resolved_at IS NULL AND last_seen <= $1 AND last_scan <> $2
		  AND EXISTS (SELECT 1 FROM scan_scopes p WHERE p.scan_id = $2 AND p.provider = findings.provider AND p.account = findings.account)
		  AND EXISTS (SELECT 1 FROM scan_controls c WHERE c.scan_id = $2 AND c.control = findings.control)
		  AND NOT EXISTS (SELECT 1 FROM results r WHERE r.scan_id = $2 AND r.id = findings.id AND r.status <> 'PASS')
		RETURNING id, severity, opened_at`, t, sc.ID)
	if err != nil {
		return fmt.Errorf("resolving findings: %w", err)
	}
	rows = rows[:0]
	for resolved.Next() {
		var id, sev string
		var opened dbTime
		if err := resolved.Scan(&id, &sev, &opened); err != nil {
			resolved.Close()
			return err
		}
		rows = append(rows, []any{id, sev, s.d.timeArg(opened.T), t, sc.ID})
	}
	if err := resolved.Close(); err != nil {
		return err
	}
	if err := resolved.Err(); err != nil {
		return err
	}
	return s.insertRows(ctx, tx, "INSERT INTO resolutions (finding_id, severity, opened_at, resolved_at, scan_id)", "", resolutionTypes, rows)
}

// scopesOf lists the report's scopes once each, sorted.
func scopesOf(r *results.Report) []Scope {
	seen := map[[2]string]bool{}
	var out []Scope
	for _, p := range r.Snapshot.Scopes {
		k := [2]string{p.Provider, p.Account}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, Scope{Provider: p.Provider, Account: p.Account, Name: p.Name})
	}
	sortScopes(out)
	return out
}

func sortScopes(ps []Scope) {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Provider != ps[j].Provider {
			return ps[i].Provider < ps[j].Provider
		}
		return ps[i].Account < ps[j].Account
	})
}

func scopeKeys(ps []Scope) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Provider + "/" + p.Account
	}
	return out
}

// scopeHash identifies a set of scopes: "the previous scan of the same
// scopes" is the previous scan with the same hash.
func scopeHash(ps []Scope) string {
	keys := scopeKeys(ps)
	sort.Strings(keys)
	sum := sha256.Sum256([]byte(strings.Join(keys, "\n")))
	return hex.EncodeToString(sum[:16])
}

func compress(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
