package db_test

import (
	"context"
	"testing"

	"github.com/vethub/vethub/db/dbtest"
)

func TestMigrateIsCurrentAndIdempotent(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	if _, err := store.Migrate(ctx); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	ok, err := store.SchemaCurrent(ctx)
	if err != nil || !ok {
		t.Fatalf("schema current = %v, %v", ok, err)
	}
	var n int
	if err := store.Pool.QueryRow(ctx, "SELECT count(*) FROM regions WHERE level = 'county'").Scan(&n); err != nil || n != 4 {
		t.Fatalf("counties = %d, %v; want 4", n, err)
	}
}
