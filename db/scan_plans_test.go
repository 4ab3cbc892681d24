package db

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestScanKept checks that plans kept on a connection are replanned when a
// destination's type changes, that NULLs and nil destinations work, and
// that the results match rows.Scan.
func TestScanKept(t *testing.T) {
	t.Parallel()
	url := os.Getenv("VETHUB_TEST_DATABASE_URL")
	if url == "" {
		url = "postgres://postgres@127.0.0.1:5432/postgres"
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	scan := func(sql string, dest ...any) {
		t.Helper()
		rows, _ := conn.Query(ctx, sql)
		defer rows.Close()
		if !rows.Next() {
			t.Fatalf("%s: no row: %v", sql, rows.Err())
		}
		if err := scanKept(rows, "test", dest); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	const sql = "SELECT 7::int8, 'a'::text, NULL::text"
	for range 2 { // the second time with the kept plans
		var n int64
		var s string
		var null *string
		scan(sql, &n, &s, &null)
		if n != 7 || s != "a" || null != nil {
			t.Fatalf("got %d %q %v", n, s, null)
		}
	}
	var n int32
	var s *string
	scan(sql, &n, &s, nil) // other destination types, a column skipped
	if n != 7 || s == nil || *s != "a" {
		t.Fatalf("got %d %v", n, s)
	}
	var b bool
	scan("SELECT true, 'b'::text, 'c'::text", &b, &s, &s) // another column type
	if !b || *s != "c" {
		t.Fatalf("got %v %q", b, *s)
	}
	var wrong int64
	rows, _ := conn.Query(ctx, "SELECT 'x'::text, 'b'::text, 'c'::text")
	defer rows.Close()
	rows.Next()
	if err := scanKept(rows, "test", []any{&wrong, &s, &s}); err == nil {
		t.Fatal("scanning text into an int64 did not fail")
	}
}
