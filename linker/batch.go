package linker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching/fs"
)

// Batch says what a batch linkage did and how long each phase took.
type Batch struct {
	Records, Pairs, Matches, Reviews int
	Read, Linked                     time.Duration
	Stored                           db.LinkAllStats
}

// LinkAll re-links every record in the hub (vethub link --all): reads them
// all, links them in memory with the decisions people made, stores the
// persons in one transaction and saves the model for incremental linkage.
// A write that changed the records meanwhile makes it start again (at
// most three times).
func LinkAll(ctx context.Context, store *db.Store, o fs.Options) (Batch, error) {
	for attempt := 1; ; attempt++ {
		b, err := linkAllOnce(ctx, store, o)
		if !errors.Is(err, db.ErrLinkAllStale) || attempt == 3 {
			return b, err
		}
	}
}

func linkAllOnce(ctx context.Context, store *db.Store, o fs.Options) (Batch, error) {
	start := time.Now()
	rows, err := store.LinkRowsAll(ctx)
	if err != nil {
		return Batch{}, err
	}
	recs := make([]fs.Record, len(rows))
	for i, r := range rows {
		recs[i] = Record(r)
	}
	if o.MustLink, o.CannotLink, err = store.LinkDecisions(ctx); err != nil {
		return Batch{}, err
	}
	b := Batch{Records: len(rows), Read: time.Since(start)}
	t0 := time.Now()
	res := fs.Link(recs, o)
	b.Linked = time.Since(t0)
	b.Pairs, b.Matches, b.Reviews = res.Blocking.Pairs, len(res.Matches), len(res.Reviews)
	if b.Stored, err = store.LinkAllApply(ctx, storePlan(rows, recs, res)); err != nil {
		return b, err
	}
	return b, saveModel(ctx, store, res.Model, len(recs))
}

// saveModel stores the model a batch linkage trained, for the follow-up
// jobs that link new records to weigh them with.
func saveModel(ctx context.Context, store *db.Store, m *fs.Model, records int) error {
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("link model: %w", err)
	}
	_, err = store.LinkModelSave(ctx, data, records)
	return err
}
