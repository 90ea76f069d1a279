package history

import (
	"fmt"
	"time"
)

// dbTime scans a time from either backend: PostgreSQL returns time.Time,
// SQLite the text written by sqliteDialect.timeArg.
type dbTime struct {
	T     time.Time
	Valid bool
}

// Scan implements sql.Scanner.
func (t *dbTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*t = dbTime{}
		return nil
	case time.Time:
		*t = dbTime{T: x.UTC(), Valid: true}
		return nil
	case string:
		return t.parse(x)
	case []byte:
		return t.parse(string(x))
	}
	return fmt.Errorf("history store: unexpected time value %T", v)
}

func (t *dbTime) parse(s string) error {
	p, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("history store: bad time %q: %w", s, err)
	}
	*t = dbTime{T: p.UTC(), Valid: true}
	return nil
}

// norm is how every time enters the store: UTC, to the microsecond
// (PostgreSQL's precision), so both backends give back what was put in.
func norm(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
