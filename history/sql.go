package history

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// sqlStore is the Store of both backends.
type sqlStore struct {
	db *sql.DB
	d  dialect
	// pause, when set (by tests), is called at named points inside
	// Record's transaction: "results" after the results are written,
	// before the findings are updated.
	pause func(point string)
}

func (s *sqlStore) Close() error { return s.db.Close() }

// placeholders returns "($k+1, ..., $k+n)" for a row of n values whose
// first parameter is number k+1; types[i], when set, is the SQL type of
// value i (see dialect.param).
func (s *sqlStore) placeholders(k, n int, types []string) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteString(", ")
		}
		typ := ""
		if i-1 < len(types) {
			typ = types[i-1]
		}
		b.WriteString(s.d.param(k+i, typ))
	}
	b.WriteByte(')')
	return b.String()
}

// insertRows inserts rows (each of the same width) with multi-row INSERTs
// of at most batch rows: one round trip per batch, not per result.
// PostgreSQL types the values of a multi-row VALUES list on their own
// (times become text), hence the types of the columns that need one.
func (s *sqlStore) insertRows(ctx context.Context, tx *sql.Tx, head, tail string, types []string, rows [][]any) error {
	const maxParams = 30000 // under SQLite's 32766 and PostgreSQL's 65535
	if len(rows) == 0 {
		return nil
	}
	batch := maxParams / len(rows[0])
	if batch > 500 {
		batch = 500
	}
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		var q strings.Builder
		q.WriteString(head)
		q.WriteString(" VALUES ")
		var args []any
		for i, row := range rows[start:end] {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(s.placeholders(len(args), len(row), types))
			args = append(args, row...)
		}
		q.WriteString(tail)
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// inList returns "$k+1, ..., $k+n" and the args for an IN (...) list.
func inList[T any](k int, vs []T) (string, []any) {
	parts := make([]string, len(vs))
	args := make([]any, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprintf("$%d", k+i+1)
		args[i] = v
	}
	return strings.Join(parts, ", "), args
}
