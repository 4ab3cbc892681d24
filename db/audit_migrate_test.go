package db_test

import (
	"context"
	"io/fs"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// Migration 8 (audit chains) applies to a log that has rows, despite the
// triggers refusing updates: they become chain 0 with id = seq, and new
// rows get ids after them. Its Down works while every row is in chain 0.
func TestAuditChainsMigrationWithRows(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	files, err := fs.Sub(db.MigrationFiles(), "migrations")
	if err != nil {
		t.Fatal(err)
	}
	sqlDB := stdlib.OpenDBFromPool(store.Pool)
	defer sqlDB.Close()
	migrations, err := goose.NewProvider(goose.DialectPostgres, sqlDB, files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.DownTo(ctx, 7); err != nil {
		t.Fatalf("down to 7: %v", err)
	}
	_, err = store.Pool.Exec(ctx, `INSERT INTO audit_log (seq, at, actor, role, action, fields, prev_hash, hash)
		SELECT g, now(), 'old', 'SYSTEM', 'WRITE', '{}', '\x00', '\x01' FROM generate_series(1, 3) g`)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // up, down (all rows in chain 0), up
		if _, err := migrations.UpTo(ctx, 8); err != nil {
			t.Fatalf("up to 8: %v", err)
		}
		if _, err := migrations.DownTo(ctx, 7); err != nil {
			t.Fatalf("down to 7: %v", err)
		}
	}
	if _, err := migrations.UpTo(ctx, 8); err != nil {
		t.Fatalf("up to 8: %v", err)
	}
	if err := store.AuditRecord(ctx, []db.AuditEntry{auditEntry("ann", 16)}); err != nil { // chain 0
		t.Fatal(err)
	}
	rows, err := store.AuditList(ctx, db.AuditFilter{})
	want := []db.AuditPos{{0, 1}, {0, 2}, {0, 3}, {0, 4}}
	if err != nil || !slices.Equal(ids(rows), []int64{1, 2, 3, 4}) || !slices.Equal(positions(rows), want) {
		t.Fatalf("rows %v at %v, %v; want ids 1-4 at %v", ids(rows), positions(rows), err, want)
	}
	// The old rows fail (their hashes here are made up; real ones fail too,
	// having been computed without a chain number), the new one links on.
	report, err := store.AuditVerify(ctx)
	broken := []db.AuditPos{{0, 1}, {0, 2}, {0, 3}}
	if err != nil || !slices.Equal(report.Broken, broken) || len(report.Gaps) != 0 || report.LastSeq[0] != 4 {
		t.Fatalf("report %+v, %v; want broken %v", report, err, broken)
	}
	// Down refuses once seq is no longer unique on its own.
	if err := store.AuditRecord(ctx, []db.AuditEntry{auditEntry("bob", 1)}); err != nil { // chain 1
		t.Fatal(err)
	}
	if _, err := migrations.DownTo(ctx, 7); err == nil {
		t.Fatal("down to 7 with a row in chain 1 succeeded")
	}
}
