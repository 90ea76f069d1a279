package history

import (
	"context"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

// Findings lists finding states, ordered by ID.
func (s *sqlStore) Findings(ctx context.Context, f FindingFilter) ([]Finding, error) {
	q := `SELECT id, control, provider, account, region, resource, severity, first_seen, last_seen, opened_at,
		resolved_at, reopened FROM findings`
	var where []string
	var args []any
	if f.OpenOnly {
		where = append(where, "resolved_at IS NULL")
	}
	if len(f.IDs) > 0 {
		list, largs := inList(0, f.IDs)
		where = append(where, "id IN ("+list+")")
		args = largs
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, s.readErr(err)
	}
	defer rows.Close()
	out := []Finding{}
	for rows.Next() {
		var fd Finding
		var sev string
		var first, last, opened, resolved dbTime
		if err := rows.Scan(&fd.ID, &fd.Control, &fd.Provider, &fd.Account, &fd.Region, &fd.Resource, &sev,
			&first, &last, &opened, &resolved, &fd.Reopened); err != nil {
			return nil, s.readErr(err)
		}
		if fd.Severity, err = results.ParseSeverity(sev); err != nil {
			return nil, s.readErr(err)
		}
		fd.FirstSeen, fd.LastSeen, fd.OpenedAt = first.T, last.T, opened.T
		if resolved.Valid {
			t := resolved.T
			fd.ResolvedAt = &t
		}
		out = append(out, fd)
	}
	return out, s.readErr(rows.Err())
}
