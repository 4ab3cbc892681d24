// Package dbtest gives each test its own PostgreSQL database, copied from a
// template that is migrated once per schema version, so tests run in
// parallel against a real server and leave nothing behind.
//
// The server comes from VETHUB_TEST_DATABASE_URL, else DATABASE_URL, else
// postgres://postgres@127.0.0.1:5432/postgres (what `make test` provides).
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vethub/vethub/db"
)

// ServerURL is the URL of the test server's maintenance database.
func ServerURL() string {
	for _, k := range []string{"VETHUB_TEST_DATABASE_URL", "DATABASE_URL"} {
		if u := os.Getenv(k); u != "" {
			return u
		}
	}
	return "postgres://postgres@127.0.0.1:5432/postgres"
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// New returns a Store on a fresh, migrated database that is dropped when the
// test ends.
func New(t testing.TB) *db.Store {
	t.Helper()
	url := NewURL(t)
	ctx := context.Background()
	store, err := db.Open(ctx, url, 8)
	if err != nil {
		t.Fatalf("dbtest: open: %v", err)
	}
	t.Cleanup(store.Close)
	return store
}

// NewWithTracer is New with tracer installed on every connection of the
// pool, e.g. to count the queries a request makes.
func NewWithTracer(t testing.TB, tracer pgx.QueryTracer) *db.Store {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(NewURL(t))
	if err != nil {
		t.Fatalf("dbtest: parse url: %v", err)
	}
	cfg.MaxConns = 8
	cfg.ConnConfig.Tracer = tracer
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatalf("dbtest: open: %v", err)
	}
	t.Cleanup(pool.Close)
	return &db.Store{Pool: pool}
}

// NewURL creates a fresh migrated database and returns its URL; the
// database is dropped when the test ends.
func NewURL(t testing.TB) string {
	t.Helper()
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate() })
	if templateErr != nil {
		t.Fatalf("dbtest: template: %v", templateErr)
	}
	// The creation time in the name lets a later run drop what a killed
	// run could not (see dropOrphans).
	name := fmt.Sprintf("vethub_t_%x_%s", time.Now().Unix(), randomSuffix())
	ctx := context.Background()
	if err := adminExec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, templateName)); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		if err := adminExec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("dbtest: drop %s: %v", name, err)
		}
	})
	return withDatabase(ServerURL(), name)
}

// ensureTemplate creates and migrates the template for the current set of
// migrations once; parallel test binaries serialise on an advisory lock.
func ensureTemplate() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	name := "vethub_tmpl_" + migrationsDigest()
	conn, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return "", fmt.Errorf("connect %s: %w", ServerURL(), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7311)"); err != nil {
		return "", err
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(7311)")
	dropOrphans(ctx, conn)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	dropStaleTemplates(ctx, conn, name)
	building := name + "_building"
	conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)")
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	store, err := db.Open(ctx, withDatabase(ServerURL(), building), 2)
	if err != nil {
		return "", err
	}
	_, err = store.Migrate(ctx)
	store.Close()
	if err != nil {
		return "", err
	}
	// Renaming only once migrated means a half-built template is never used.
	if _, err := conn.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, name)); err != nil {
		return "", err
	}
	return name, nil
}

// dropStaleTemplates removes templates of earlier migration sets, so a
// changed schema leaves nothing behind on the server.
func dropStaleTemplates(ctx context.Context, conn *pgx.Conn, keep string) {
	rows, err := conn.Query(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'vethub\_tmpl\_%' AND datname <> $1`, keep)
	if err != nil {
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, n := range names {
		conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{n}.Sanitize()+" WITH (FORCE)")
	}
}

// orphanAge is how old a test database must be to count as left behind by
// a killed run: far longer than any test, CI included.
const orphanAge = 2 * time.Hour

// dropOrphans removes test databases a killed test run left behind (its
// cleanup never ran): those whose name says they are older than orphanAge.
func dropOrphans(ctx context.Context, conn *pgx.Conn) {
	rows, err := conn.Query(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'vethub\_t\_%'`)
	if err != nil {
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, n := range names {
		var created int64
		if _, err := fmt.Sscanf(n, "vethub_t_%x_", &created); err != nil || time.Since(time.Unix(created, 0)) < orphanAge {
			continue
		}
		conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{n}.Sanitize()+" WITH (FORCE)")
	}
}

func migrationsDigest() string {
	h := sha256.New()
	fs.WalkDir(db.MigrationFiles(), ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(db.MigrationFiles(), path)
			h.Write([]byte(path))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func adminExec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for attempt := 0; ; attempt++ {
		_, err = conn.Exec(ctx, sql)
		// Concurrent copies of one template can collide briefly; retry.
		if err == nil || attempt == 20 || !strings.Contains(err.Error(), "being accessed by other users") {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func withDatabase(url, name string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return url
	}
	i := strings.LastIndex(url, "/"+cfg.Database)
	if cfg.Database == "" || i < 0 {
		return strings.TrimSuffix(url, "/") + "/" + name
	}
	return url[:i] + "/" + name + url[i+len(cfg.Database)+1:]
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
