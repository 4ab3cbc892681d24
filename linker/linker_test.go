package linker_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
	"github.com/vethub/vethub/linker"
	"github.com/vethub/vethub/matching/fs"
	"github.com/vethub/vethub/synth"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// hub is a test database with a working job queue.
type hub struct {
	store *db.Store
	svc   *ingest.Service
	queue *jobs.Queue
	dir   string // the generated feeds and truth
}

func newHub(t *testing.T, persons int) *hub {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: persons, Seed: 3, Noise: synth.NoiseDefault}, dir); err != nil {
		t.Fatal(err)
	}
	store := dbtest.New(t)
	q, err := jobs.New(store, quiet, jobs.Config{Work: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Stop(context.Background()); cancel() })
	return &hub{store: store, svc: ingest.New(store, q), queue: q, dir: dir}
}

// load imports a department's feed and waits for its follow-up jobs.
func (h *hub) load(t *testing.T, d feed.Department, file string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f, err := os.Open(filepath.Join(h.dir, file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := h.svc.ImportRecords(ctx, d, f, ingest.FileOptions{ChunkSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.queue.Wait(ctx, rep.JobIDs); err != nil {
		t.Fatal(err)
	}
}

// linkAll re-links the hub as vethub link --all does, which also stores
// the model incremental linkage uses.
func (h *hub) linkAll(t *testing.T) {
	t.Helper()
	if _, err := linker.LinkAll(context.Background(), h.store, fs.Options{}); err != nil {
		t.Fatal(err)
	}
}

// score compares the hub's persons with the truth, over the pairs with
// at least one record of department only.
func (h *hub) score(t *testing.T, only string) fs.Score {
	t.Helper()
	truth := readTruth(t, filepath.Join(h.dir, "truth", "records.ndjson"))
	var person []int32
	var labels []string
	ids := map[string]int32{}
	var dept []string
	err := h.store.CrosswalkEach(context.Background(), "", func(r db.CrosswalkRow) error {
		if _, ok := ids[*r.PersonID]; !ok {
			ids[*r.PersonID] = int32(len(ids))
		}
		person = append(person, ids[*r.PersonID])
		labels = append(labels, truth[r.Department+"/"+r.SourceID])
		dept = append(dept, r.Department)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return scoreInvolving(person, labels, dept, only)
}

// scoreInvolving is fs.Evaluate's pairwise precision and recall over the
// pairs that have a record of department only.
func scoreInvolving(person []int32, truth, dept []string, only string) fs.Score {
	var s fs.Score
	for i := range person {
		for j := i + 1; j < len(person); j++ {
			if dept[i] != only && dept[j] != only {
				continue
			}
			same, real := person[i] == person[j], truth[i] == truth[j]
			if same {
				s.PredPairs++
			}
			if real {
				s.TruePairs++
			}
			if same && real {
				s.Correct++
			}
		}
	}
	s.Precision = float64(s.Correct) / float64(max(s.PredPairs, 1))
	s.Recall = float64(s.Correct) / float64(max(s.TruePairs, 1))
	return s
}

func readTruth(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r struct{ Department, SourceID, PersonKey string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		out[r.Department+"/"+r.SourceID] = r.PersonKey
	}
	return out
}

// Health records arriving after a batch linkage are linked by the
// follow-up jobs of their import: far more of their true pairs than exact
// ID numbers find (0.84 of them in this set), without false merges.
func TestIncrementalLinkAfterIngest(t *testing.T) {
	t.Parallel()
	h := newHub(t, 1500)
	h.load(t, feed.DepartmentVeteran, "veteran.ndjson")
	h.load(t, feed.DepartmentCivil, "civil.ndjson")
	h.linkAll(t)
	h.load(t, feed.DepartmentHealth, "health.ndjson")
	s := h.score(t, "HEALTH")
	t.Logf("pairs with a health record: precision %.4f recall %.4f (%d true pairs)", s.Precision, s.Recall, s.TruePairs)
	if s.Precision < 0.998 || s.Recall < 0.97 {
		t.Fatalf("precision %.4f recall %.4f", s.Precision, s.Recall)
	}
}
