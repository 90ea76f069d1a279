package history

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

type postgresDialect struct{ host, database string }

func (postgresDialect) name() string { return "postgres" }
func (d postgresDialect) where() string {
	return fmt.Sprintf("postgres://%s/%s", d.host, d.database)
}
func (postgresDialect) gooseDialect() goose.Dialect { return goose.DialectPostgres }
func (postgresDialect) timeArg(t time.Time) any     { return t.UTC() }
func (postgresDialect) param(n int, typ string) string {
	if typ == "" {
		return fmt.Sprintf("$%d", n)
	}
	return fmt.Sprintf("$%d::%s", n, typ)
}
func (postgresDialect) migrationOptions() []goose.ProviderOption { return nil }

// advisoryKey maps a name to a PostgreSQL advisory lock key. The
// "rampart/" prefix keeps rampart's keys apart from other applications'
// in a shared database (collisions only cost waiting, never correctness).
func advisoryKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("rampart/" + name))
	return int64(h.Sum64())
}

// lockMigrations holds a session advisory lock on its own connection
// while the schema is checked and migrated: pg_advisory_lock waits for the
// holder instead of polling, and the server drops it if the process dies.
func (postgresDialect) lockMigrations(ctx context.Context, db *sql.DB) (func(), error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("history store: %w", err)
	}
	key := advisoryKey("migrate")
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		conn.Close()
		return nil, fmt.Errorf("history store: locking for migration: %w", err)
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
		conn.Close()
	}, nil
}

// lockScopes takes a transaction advisory lock per scope, in sorted order
// so that two writers never wait for each other in a cycle. Scans of
// different accounts proceed in parallel; two scans of one account update
// its findings one after the other. The locks go with the transaction,
// also when the writer dies.
func (postgresDialect) lockScopes(ctx context.Context, tx *sql.Tx, keys []string) error {
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, advisoryKey("scope/"+k))
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for i, id := range ids {
		if i > 0 && id == ids[i-1] {
			continue
		}
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", id); err != nil {
			return err
		}
	}
	return nil
}

// openPostgres connects through pgx's database/sql driver.
func openPostgres(ctx context.Context, dsn string) (*sql.DB, dialect, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("--store %s: %v", redact(dsn), err)
	}
	d := postgresDialect{host: fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), database: cfg.Database}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("history store %s: %w", d.where(), err)
	}
	return db, d, nil
}
