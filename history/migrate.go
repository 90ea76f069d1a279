package history

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

//go:embed migrations
var migrationsFS embed.FS

// versionTable is goose's bookkeeping table, named for rampart so that a
// PostgreSQL database shared with other goose users does not mix versions.
const versionTable = "rampart_schema_version"

// provider returns the goose provider of a dialect's migrations.
func provider(db *sql.DB, d dialect) (*goose.Provider, error) {
	sub, err := fs.Sub(migrationsFS, "migrations/"+d.name())
	if err != nil {
		return nil, err
	}
	opts := append([]goose.ProviderOption{goose.WithTableName(versionTable), goose.WithDisableGlobalRegistry(true)}, d.migrationOptions()...)
	return goose.NewProvider(d.gooseDialect(), db, sub, opts...)
}

// migrate applies the pending migrations, refusing a store whose schema is
// newer than the newest migration embedded here.
func migrate(ctx context.Context, db *sql.DB, d dialect) error {
	unlock, err := d.lockMigrations(ctx, db)
	if err != nil {
		return err
	}
	defer unlock()
	p, err := provider(db, d)
	if err != nil {
		return fmt.Errorf("history store: %w", err)
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("history store %s: reading the schema version: %w", d.where(), err)
	}
	sources := p.ListSources()
	known := sources[len(sources)-1].Version
	if current > known {
		return fmt.Errorf("history store %s: %w: schema version %d, this rampart knows up to %d; upgrade rampart (the store is left untouched)", d.where(), errNewerSchema, current, known)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("history store %s: migrating the schema from version %d: %w", d.where(), current, err)
	}
	return nil
}

// SchemaVersion is the newest schema version this binary writes.
func SchemaVersion() int64 {
	entries, _ := fs.Glob(migrationsFS, "migrations/sqlite/*.sql")
	var max int64
	for _, e := range entries {
		if v, err := goose.NumericComponent(e); err == nil && v > max {
			max = v
		}
	}
	return max
}
