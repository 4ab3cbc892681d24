// Package ingesttest gives tests a hub: a fresh database with a working
// job queue, loaded through ingest as vethub import loads it, so the
// follow-up jobs (linkage, hardship rules) run as in production.
package ingesttest

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
)

// Quiet is a logger that writes nothing.
var Quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// Hub is a test database with workers running until the test ends.
type Hub struct {
	Store  *db.Store
	Ingest *ingest.Service
	Queue  *jobs.Queue
}

// NewHub returns a hub whose hardship rules judge as of today (zero: the
// current date).
func NewHub(t testing.TB, today time.Time) *Hub {
	t.Helper()
	store := dbtest.New(t)
	q, err := jobs.New(store, Quiet, jobs.Config{Work: true, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Stop(context.Background()); cancel() })
	return &Hub{Store: store, Ingest: ingest.New(store, q), Queue: q}
}

// Load imports the feed dir/dept.ndjson (dept: veteran, civil, health or
// jobs) and waits for its follow-up jobs.
func (h *Hub) Load(t testing.TB, dir, dept string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	f, err := os.Open(filepath.Join(dir, dept+".ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opts := ingest.FileOptions{ChunkSize: 500}
	var rep ingest.FileReport
	if dept == "jobs" {
		rep, err = h.Ingest.ImportPostings(ctx, f, opts)
	} else {
		rep, err = h.Ingest.ImportRecords(ctx, feed.Department(strings.ToUpper(dept)), f, opts)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Queue.Wait(ctx, rep.JobIDs); err != nil {
		t.Fatal(err)
	}
}
