package jobmatching_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/ingest/ingesttest"
	"github.com/vethub/vethub/jobmatching"
	"github.com/vethub/vethub/synth"
)

var quiet = ingesttest.Quiet

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
	*ingesttest.Hub
	svc *jobmatching.Service
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
	h := &hub{Hub: ingesttest.NewHub(t, synth.DefaultToday)}
	h.svc = jobmatching.New(h.Store, quiet, jobmatching.Options{Today: synth.DefaultToday})
	for _, d := range depts {
		h.Load(t, dir, d)
	}
	return h
}

// postingID is the hub id of the posting with sourceID.
func (h *hub) postingID(t *testing.T, sourceID string) int64 {
	t.Helper()
	p, err := h.Store.JobPostingGet(context.Background(), db.Scope{}, sourceID)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}
