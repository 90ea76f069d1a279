package history

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// sqliteTime is how times are stored in SQLite: UTC with a fixed number
// of fractional digits, so that comparing the text compares the times.
const sqliteTime = "2006-01-02T15:04:05.000000Z"

type sqliteDialect struct{ path string }

func (sqliteDialect) name() string                { return "sqlite" }
func (d sqliteDialect) where() string             { return d.path }
func (sqliteDialect) gooseDialect() goose.Dialect { return goose.DialectSQLite3 }
func (sqliteDialect) timeArg(t time.Time) any     { return t.UTC().Format(sqliteTime) }

// param is "?": a multi-row INSERT binds its values in order, and SQLite
// resolves "$N" as a name, in time quadratic in the number of parameters.
func (sqliteDialect) param(int, string) string                 { return "?" }
func (sqliteDialect) migrationOptions() []goose.ProviderOption { return nil }

// lockScopes has nothing to do: every write transaction begins IMMEDIATE
// (see openSQLite), so SQLite already runs them one at a time, and a
// second writer waits up to the busy timeout instead of failing.
func (sqliteDialect) lockScopes(context.Context, *sql.Tx, []string) error { return nil }

// lockMigrations holds an exclusive lock on a file beside the database
// while migrating: goose's SQLite support has no lock of its own.
func (d sqliteDialect) lockMigrations(_ context.Context, _ *sql.DB) (func(), error) {
	return lockFile(d.path + ".migrate-lock")
}

// sqliteBusyTimeout is how long a writer waits for another to commit.
// A scan's transaction takes well under a second; a minute leaves room
// for a slow disk and many shards writing at once.
const sqliteBusyTimeout = 60 * time.Second

// openSQLite opens the file in WAL mode (readers never block the writer),
// with foreign keys on and every transaction taking the write lock at
// BEGIN, so two writers queue instead of deadlocking on a lock upgrade.
func openSQLite(ctx context.Context, path string) (*sql.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("history store %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(sqliteBusyTimeout.Milliseconds()))
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "1")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("history store %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("history store %s: %w", path, err)
	}
	return db, nil
}
