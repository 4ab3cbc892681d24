package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/vethub/vethub/refdata"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// MigrateResult says what Migrate applied.
type MigrateResult struct {
	Applied []string // hub migrations applied now, by file name
	Version int64    // hub schema version after migrating
}

// Migrate brings the schema up to date: the hub's own migrations (goose,
// under a session advisory lock so concurrent starts are safe), the job
// queue's tables (river), and the reference region table.
func (s *Store) Migrate(ctx context.Context) (MigrateResult, error) {
	res, err := s.migrateHub(ctx)
	if err != nil {
		return res, err
	}
	migrator, err := rivermigrate.New(riverpgxv5.New(s.Pool), nil)
	if err != nil {
		return res, fmt.Errorf("job queue migrator: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return res, fmt.Errorf("job queue migrate: %w", err)
	}
	if err := s.regionsSync(ctx); err != nil {
		return res, err
	}
	return res, nil
}

func (s *Store) migrateHub(ctx context.Context) (MigrateResult, error) {
	var res MigrateResult
	sqlDB := stdlib.OpenDBFromPool(s.Pool)
	defer sqlDB.Close()
	files, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return res, err
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return res, fmt.Errorf("migration lock: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, files, goose.WithSessionLocker(locker))
	if err != nil {
		return res, fmt.Errorf("migrations: %w", err)
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return res, fmt.Errorf("migrate up: %w", err)
	}
	for _, r := range results {
		res.Applied = append(res.Applied, r.Source.Path)
	}
	if res.Version, err = provider.GetDBVersion(ctx); err != nil {
		return res, fmt.Errorf("schema version: %w", err)
	}
	return res, nil
}

// SchemaCurrent reports whether every embedded migration has been applied;
// readiness depends on it.
func (s *Store) SchemaCurrent(ctx context.Context) (bool, error) {
	sqlDB := stdlib.OpenDBFromPool(s.Pool)
	defer sqlDB.Close()
	files, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return false, err
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, files)
	if err != nil {
		return false, fmt.Errorf("migrations: %w", err)
	}
	pending, err := provider.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("pending migrations: %w", err)
	}
	return !pending, nil
}

// regionsSync upserts the shipped region table so reference data follows
// the binary's edition.
func (s *Store) regionsSync(ctx context.Context) error {
	regions, err := refdata.Regions()
	if err != nil {
		return err
	}
	batch := &pgx.Batch{}
	for _, r := range regions {
		batch.Queue(`INSERT INTO regions (code, name, level, parent_code, edition)
			VALUES ($1, $2, $3, NULLIF($4, ''), $5)
			ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
				parent_code = EXCLUDED.parent_code, edition = EXCLUDED.edition`,
			r.Code, r.Name, r.Level, r.ParentCode, refdata.RegionsEdition)
	}
	if err := s.Pool.SendBatch(ctx, batch).Close(); err != nil {
		return fmt.Errorf("regions sync: %w", err)
	}
	return nil
}

// MigrationFiles exposes the embedded migrations (for the test template's
// cache key).
func MigrationFiles() fs.FS { return migrationFiles }
