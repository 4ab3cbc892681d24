package jobmatching_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobmatching"
	queue "github.com/vethub/vethub/jobs"
	"github.com/vethub/vethub/synth"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// genOnce generates one small synthetic set shared by the tests.
var genOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "jobmatching-gen-")
	if err != nil {
		return "", err
	}
	_, err = synth.Generate(synth.Config{Persons: 1500, Seed: 7, Noise: synth.NoiseDefault}, dir)
	return dir, err
})

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := genOnce(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// hub is a test database holding the generated set, with a matching
// service as of the generator's day.
type hub struct {
	store  *db.Store
	ingest *ingest.Service
	svc    *jobmatching.Service
}

func newHub(t *testing.T) *hub {
	t.Helper()
	dir, err := genOnce()
	if err != nil {
		t.Fatal(err)
	}
	return newHubOf(t, dir, "veteran", "civil", "health", "jobs")
}

// newHubOf loads the feeds of dir named by depts into a fresh database.
func newHubOf(t testing.TB, dir string, depts ...string) *hub {
	t.Helper()
	store := dbtest.New(t)
	q, err := queue.New(store, quiet, queue.Config{Work: true, Today: synth.DefaultToday})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Stop(context.Background()) })
	h := &hub{store: store, ingest: ingest.New(store, q),
		svc: jobmatching.New(store, quiet, jobmatching.Options{Today: synth.DefaultToday})}
	for _, d := range depts {
		h.load(ctx, t, q, filepath.Join(dir, d+".ndjson"), d)
	}
	return h
}

func (h *hub) load(ctx context.Context, t testing.TB, q *queue.Queue, path, dept string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opts := ingest.FileOptions{ChunkSize: 500}
	var rep ingest.FileReport
	if dept == "jobs" {
		rep, err = h.ingest.ImportPostings(ctx, f, opts)
	} else {
		rep, err = h.ingest.ImportRecords(ctx, feed.Department(strings.ToUpper(dept)), f, opts)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Wait(ctx, rep.JobIDs); err != nil {
		t.Fatal(err)
	}
}

// postingID is the hub id of the posting with sourceID.
func (h *hub) postingID(t *testing.T, sourceID string) int64 {
	t.Helper()
	p, err := h.store.JobPostingGet(context.Background(), db.Scope{}, sourceID)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}
