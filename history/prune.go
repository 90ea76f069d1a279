package history

import (
	"context"
	"time"
)

// Prune deletes the scans collected before the cutoff with everything
// recorded with them, the episodes resolved before it, and the findings
// resolved before it. An open finding stays, with its first-seen date,
// however old: pruning must not make an old problem look new.
func (s *sqlStore) Prune(ctx context.Context, before time.Time) (Pruned, error) {
	var p Pruned
	t := s.d.timeArg(norm(before))
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return p, s.readErr(err)
	}
	defer tx.Rollback()
	old := "SELECT id FROM scans WHERE scanned_at < $1"
	// Children first: the same on both backends, foreign-key cascade or not.
	for _, table := range []string{"snapshots", "results", "scan_controls", "scan_scopes"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE scan_id IN ("+old+")", t); err != nil {
			return p, s.readErr(err)
		}
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM scans WHERE scanned_at < $1", t)
	if err != nil {
		return p, s.readErr(err)
	}
	if p.Scans, err = res.RowsAffected(); err != nil {
		return p, s.readErr(err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM resolutions WHERE resolved_at < $1", t); err != nil {
		return p, s.readErr(err)
	}
	res, err = tx.ExecContext(ctx, "DELETE FROM findings WHERE resolved_at IS NOT NULL AND resolved_at < $1", t)
	if err != nil {
		return p, s.readErr(err)
	}
	if p.Findings, err = res.RowsAffected(); err != nil {
		return p, s.readErr(err)
	}
	return p, s.readErr(tx.Commit())
}
