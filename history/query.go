package history

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/results"
)

const scanColumns = `id, scanned_at, evaluated_at, recorded_at, source, snapshot_digest, rampart_version,
	catalogue_version, collection_errors, run_id, shard_index, shard_count,
	EXISTS (SELECT 1 FROM snapshots n WHERE n.scan_id = scans.id)`

// Scans lists scans newest first, with their scopes and counts.
func (s *sqlStore) Scans(ctx context.Context, f Filter) ([]Scan, error) {
	var where []string
	var args []any
	if !f.Since.IsZero() {
		args = append(args, s.d.timeArg(norm(f.Since)))
		where = append(where, fmt.Sprintf("scanned_at >= $%d", len(args)))
	}
	if !f.Until.IsZero() {
		args = append(args, s.d.timeArg(norm(f.Until)))
		where = append(where, fmt.Sprintf("scanned_at < $%d", len(args)))
	}
	q := "SELECT " + scanColumns + " FROM scans"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY scanned_at DESC, id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return s.queryScans(ctx, q, args...)
}

// queryScans runs a query selecting scanColumns and fills in each scan's
// scopes and counts.
func (s *sqlStore) queryScans(ctx context.Context, q string, args ...any) ([]Scan, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.readErr(err)
	}
	var out []Scan
	index := map[int64]int{}
	for rows.Next() {
		var sc Scan
		var scanned, evaluated, recorded dbTime
		var run sql.NullString
		var idx, cnt sql.NullInt64
		if err := rows.Scan(&sc.ID, &scanned, &evaluated, &recorded, &sc.Source, &sc.Digest, &sc.RampartVersion,
			&sc.CatalogueVersion, &sc.CollectionErrors, &run, &idx, &cnt, &sc.HasSnapshot); err != nil {
			rows.Close()
			return nil, s.readErr(err)
		}
		sc.ScannedAt, sc.EvaluatedAt, sc.RecordedAt = scanned.T, evaluated.T, recorded.T
		sc.Run = run.String
		if cnt.Valid {
			sc.Shard = Shard{Index: int(idx.Int64), Count: int(cnt.Int64)}
		}
		sc.Counts = newCounts()
		sc.Scopes = []Scope{}
		index[sc.ID] = len(out)
		out = append(out, sc)
	}
	if err := rows.Close(); err != nil {
		return nil, s.readErr(err)
	}
	if err := rows.Err(); err != nil {
		return nil, s.readErr(err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]int64, len(out))
	for i, sc := range out {
		ids[i] = sc.ID
	}
	list, largs := inList(0, ids)
	srows, err := s.db.QueryContext(ctx, "SELECT scan_id, provider, account, name FROM scan_scopes WHERE scan_id IN ("+list+") ORDER BY provider, account", largs...)
	if err != nil {
		return nil, s.readErr(err)
	}
	for srows.Next() {
		var id int64
		var p Scope
		if err := srows.Scan(&id, &p.Provider, &p.Account, &p.Name); err != nil {
			srows.Close()
			return nil, s.readErr(err)
		}
		out[index[id]].Scopes = append(out[index[id]].Scopes, p)
	}
	if err := srows.Close(); err != nil {
		return nil, s.readErr(err)
	}
	crows, err := s.db.QueryContext(ctx, "SELECT scan_id, severity, status, COUNT(*) FROM results WHERE scan_id IN ("+list+") GROUP BY scan_id, severity, status", largs...)
	if err != nil {
		return nil, s.readErr(err)
	}
	defer crows.Close()
	for crows.Next() {
		var id int64
		var sev, st string
		var n int
		if err := crows.Scan(&id, &sev, &st, &n); err != nil {
			return nil, s.readErr(err)
		}
		severity, err := results.ParseSeverity(sev)
		if err != nil {
			return nil, s.readErr(err)
		}
		c := &out[index[id]].Counts
		c.add(severity, results.Status(st), n)
	}
	return out, s.readErr(crows.Err())
}

func (s *sqlStore) readErr(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("history store %s: %w", s.d.where(), err)
}

// errNotFound is wrapped by the errors for references to nothing stored.
var errNotFound = errors.New("not in the store")

// IsNotFound reports whether err is about a scan or run not stored.
func IsNotFound(err error) bool { return errors.Is(err, errNotFound) }

// resolve returns the scans a reference stands for: one scan, or the
// latest record of each shard of a run.
func (s *sqlStore) resolve(ctx context.Context, ref Ref) ([]Scan, error) {
	var scans []Scan
	var err error
	if ref.Run != "" {
		scans, err = s.queryScans(ctx, "SELECT "+scanColumns+" FROM scans WHERE run_id = $1 ORDER BY scanned_at DESC, id DESC", ref.Run)
	} else {
		scans, err = s.queryScans(ctx, "SELECT "+scanColumns+" FROM scans WHERE id = $1", ref.Scan)
	}
	if err != nil {
		return nil, err
	}
	if len(scans) == 0 {
		if ref.Run != "" {
			return nil, fmt.Errorf("run %q: %w (see rampart history)", ref.Run, errNotFound)
		}
		return nil, fmt.Errorf("scan %d: %w (see rampart history)", ref.Scan, errNotFound)
	}
	if ref.Run == "" {
		return scans, nil
	}
	runs := Runs(scans)
	return runs[0].Scans, nil
}

// Results returns the stored results of a scan or run.
func (s *sqlStore) Results(ctx context.Context, ref Ref) ([]results.Result, error) {
	scans, err := s.resolve(ctx, ref)
	if err != nil {
		return nil, err
	}
	return s.results(ctx, scans)
}

func (s *sqlStore) results(ctx context.Context, scans []Scan) ([]results.Result, error) {
	ids := make([]int64, len(scans))
	for i, sc := range scans {
		ids[i] = sc.ID
	}
	list, args := inList(0, ids)
	rows, err := s.db.QueryContext(ctx, `SELECT id, control, severity, status, provider, account, region, resource,
		resource_type, message, evidence FROM results WHERE scan_id IN (`+list+`)`, args...)
	if err != nil {
		return nil, s.readErr(err)
	}
	defer rows.Close()
	out := []results.Result{}
	for rows.Next() {
		var r results.Result
		var sev, st string
		var evidence []byte
		if err := rows.Scan(&r.ID, &r.Control, &sev, &st, &r.Provider, &r.Account, &r.Region, &r.Resource,
			&r.ResourceType, &r.Message, &evidence); err != nil {
			return nil, s.readErr(err)
		}
		if r.Severity, err = results.ParseSeverity(sev); err != nil {
			return nil, s.readErr(err)
		}
		r.Status = results.Status(st)
		if err := json.Unmarshal(evidence, &r.Evidence); err != nil {
			return nil, s.readErr(fmt.Errorf("result %s: evidence: %w", r.ID, err))
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.readErr(err)
	}
	results.Sort(out)
	return out, nil
}

// Previous finds the newest scan, or complete run, before ref that covers
// the same set of scopes.
func (s *sqlStore) Previous(ctx context.Context, ref Ref) (Ref, bool, error) {
	scans, err := s.resolve(ctx, ref)
	if err != nil {
		return Ref{}, false, err
	}
	cur := newRun(ref, scans)
	earlier, err := s.Scans(ctx, Filter{Until: cur.ScannedAt.Add(time.Microsecond)})
	if err != nil {
		return Ref{}, false, err
	}
	first := scans[len(scans)-1].ID
	for _, sc := range scans {
		first = min(first, sc.ID)
	}
	before := earlier[:0]
	for _, sc := range earlier {
		if sc.ScannedAt.Before(cur.ScannedAt) || sc.ID < first && !inScans(sc.ID, scans) {
			before = append(before, sc)
		}
	}
	earlier = before
	want := scopeHash(cur.Scopes)
	// A shard matches an earlier scan of the same accounts (the same shard
	// of last night's run); a whole run matches an earlier whole run.
	for _, sc := range earlier {
		if ref.Scan != 0 && scopeHash(sc.Scopes) == want {
			return Ref{Scan: sc.ID}, true, nil
		}
	}
	for _, r := range Runs(earlier) {
		if r.Ref == ref || !r.Complete() || overlaps(r.Scans, scans) {
			continue
		}
		if scopeHash(r.Scopes) == want {
			return r.Ref, true, nil
		}
	}
	return Ref{}, false, nil
}

func inScans(id int64, scans []Scan) bool {
	for _, sc := range scans {
		if sc.ID == id {
			return true
		}
	}
	return false
}

func overlaps(a, b []Scan) bool {
	for _, sc := range a {
		if inScans(sc.ID, b) {
			return true
		}
	}
	return false
}

// Snapshot returns the snapshot stored with a scan, decompressed.
func (s *sqlStore) Snapshot(ctx context.Context, scan int64) ([]byte, bool, error) {
	var enc string
	var data []byte
	err := s.db.QueryRowContext(ctx, "SELECT encoding, data FROM snapshots WHERE scan_id = $1", scan).Scan(&enc, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, s.readErr(err)
	}
	if enc != "gzip" {
		return nil, false, s.readErr(fmt.Errorf("scan %d: snapshot stored as %q, which this rampart cannot read", scan, enc))
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, false, s.readErr(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, false, s.readErr(err)
	}
	return out, true, nil
}
