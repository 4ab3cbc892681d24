package linker_test

import (
	"context"
	"testing"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/ingest/ingesttest"
	"github.com/vethub/vethub/linker"
	"github.com/vethub/vethub/matching/fs"
	"github.com/vethub/vethub/synth"
)

// hub is a test database with a working job queue and the feeds it loads.
type hub struct {
	*ingesttest.Hub
	dir string // the generated feeds and truth
}

func newHub(t *testing.T, persons int) *hub {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: persons, Seed: 3, Noise: synth.NoiseDefault}, dir); err != nil {
		t.Fatal(err)
	}
	return &hub{Hub: ingesttest.NewHub(t, time.Time{}), dir: dir}
}

// linkAll re-links the hub as vethub link --all does, which also stores
// the model incremental linkage uses.
func (h *hub) linkAll(t *testing.T) {
	t.Helper()
	if _, err := linker.LinkAll(context.Background(), h.Store, fs.Options{}); err != nil {
		t.Fatal(err)
	}
}

// score compares the hub's persons with the truth, over the pairs with
// at least one record of department only.
func (h *hub) score(t *testing.T, only string) fs.Score {
	t.Helper()
	truth, err := synth.RecordOwners(h.dir)
	if err != nil {
		t.Fatal(err)
	}
	var person []int32
	var labels []string
	ids := map[string]int32{}
	var dept []string
	err = h.Store.CrosswalkEach(context.Background(), "", func(r db.CrosswalkRow) error {
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

// Health records arriving after a batch linkage are linked by the
// follow-up jobs of their import: far more of their true pairs than exact
// ID numbers find (0.84 of them in this set), without false merges.
func TestIncrementalLinkAfterIngest(t *testing.T) {
	t.Parallel()
	h := newHub(t, 1500)
	h.Load(t, h.dir, "veteran")
	h.Load(t, h.dir, "civil")
	h.linkAll(t)
	h.Load(t, h.dir, "health")
	s := h.score(t, "HEALTH")
	t.Logf("pairs with a health record: precision %.4f recall %.4f (%d true pairs)", s.Precision, s.Recall, s.TruePairs)
	if s.Precision < 0.998 || s.Recall < 0.97 {
		t.Fatalf("precision %.4f recall %.4f", s.Precision, s.Recall)
	}
}
