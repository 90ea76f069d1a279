package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvStore is the environment variable that names the store when --store
// is not given a DSN.
const EnvStore = "RAMPART_STORE"

// DefaultPath is the SQLite store used when no DSN is given:
// $XDG_DATA_HOME/rampart/history.db, or ~/.local/share/rampart/history.db.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		// The XDG spec says a relative value is invalid and must be ignored.
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("history store: no XDG_DATA_HOME and no home directory: %w (give --store a path or DSN)", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "rampart", "history.db"), nil
}

// Open opens (creating it when needed) the store named by dsn and brings
// its schema up to date:
//
//	""                           the default SQLite file (DefaultPath)
//	postgres://… postgresql://…  a PostgreSQL database (pgx DSN)
//	sqlite:PATH, file:PATH, PATH a SQLite file
//
// A store whose schema is newer than this binary knows is refused, never
// written: an older rampart would misread it.
func Open(ctx context.Context, dsn string) (Store, error) {
	db, d, err := connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, db, d); err != nil {
		db.Close()
		return nil, err
	}
	return &sqlStore{db: db, d: d}, nil
}

// connect opens the database a DSN names, without touching its schema.
func connect(ctx context.Context, dsn string) (*sql.DB, dialect, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case strings.Contains(dsn, "://"):
		return nil, nil, fmt.Errorf("--store %q: expected a postgres:// DSN or a SQLite file path", redact(dsn))
	}
	path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
	if path == "" {
		var err error
		if path, err = DefaultPath(); err != nil {
			return nil, nil, err
		}
	}
	db, err := openSQLite(ctx, path)
	return db, sqliteDialect{path: path}, err
}

// redact hides a password in a DSN before it is printed.
func redact(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return dsn
	}
	userinfo, host, ok := strings.Cut(rest, "@")
	if !ok {
		return dsn
	}
	if user, _, hasPass := strings.Cut(userinfo, ":"); hasPass {
		return scheme + "://" + user + ":***@" + host
	}
	return dsn
}

// errNewerSchema is wrapped by the error Open returns for a store written
// by a newer rampart.
var errNewerSchema = errors.New("store schema newer than this rampart")
