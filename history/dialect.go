package history

import (
	"context"
	"database/sql"
	"time"

	"github.com/pressly/goose/v3"
)

// dialect is what differs between the two backends; the SQL in sql.go is
// written once, in the subset both speak ($N parameters, ON CONFLICT,
// RETURNING).
type dialect interface {
	name() string
	// where names the store in messages, without secrets.
	where() string
	gooseDialect() goose.Dialect
	migrationOptions() []goose.ProviderOption
	// lockMigrations keeps two processes opening a new store from
	// migrating it at once.
	lockMigrations(ctx context.Context, db *sql.DB) (unlock func(), err error)
	// lockScopes serialises writers of the same scopes inside tx, so that
	// the finding-state updates of two scans of one account never
	// interleave; writers of different scopes do not wait for each other
	// where the database allows it.
	lockScopes(ctx context.Context, tx *sql.Tx, keys []string) error
	// param is the placeholder of parameter n, of SQL type typ when not
	// empty.
	param(n int, typ string) string
	// timeArg is a time as a query parameter.
	timeArg(t time.Time) any
}
