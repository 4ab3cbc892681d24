// Package statsfold keeps the dashboard counters (package stats) current:
// it folds every marked person and posting into the counters, moving them
// by the difference between the entity's stored facts and its facts now.
// Ingest's follow-up job and triggers on cases, actions and postings mark
// entities; serve runs a Folder that folds them within a second.
package statsfold

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/stats"
)

// DefaultBatch is how many entities one transaction folds: enough that
// the counters persons share (their township's, their county's) are
// written once for many persons, few enough that a transaction is short.
const DefaultBatch = 1000

// Folder folds marked entities into the counters.
type Folder struct {
	store *db.Store
	log   *slog.Logger
	batch int
}

// New builds a Folder on the store.
func New(store *db.Store, log *slog.Logger) *Folder {
	return &Folder{store: store, log: log, batch: DefaultBatch}
}

// WithBatch sets how many entities a transaction folds (a rebuild goes
// faster with more).
func (f *Folder) WithBatch(n int) *Folder {
	f.batch = max(n, 1)
	return f
}

// Ensure rebuilds the counters from scratch when they were built by
// another stats.Version (or never): every person and posting is marked,
// and folding brings the counters back.
func (f *Folder) Ensure(ctx context.Context) error {
	v, err := f.store.StatsVersion(ctx)
	if err != nil || v == stats.Version {
		return err
	}
	f.log.Info("stats counters rebuilt", "from_version", v, "version", stats.Version)
	return f.Reset(ctx)
}

// Reset empties the counters and marks everything to be folded again.
func (f *Folder) Reset(ctx context.Context) error {
	return f.store.InTx(ctx, func(tx pgx.Tx) error { return db.StatsReset(ctx, tx, stats.Version) })
}

// FoldPending folds marked entities until none is left, and returns how
// many it folded.
func (f *Folder) FoldPending(ctx context.Context) (int, error) {
	total := 0
	for {
		n := 0
		err := f.store.InTx(ctx, func(tx pgx.Tx) error {
			var err error
			n, err = foldBatch(ctx, tx, f.batch)
			return err
		})
		if err != nil {
			return total, fmt.Errorf("stats fold: %w", err)
		}
		total += n
		if n == 0 {
			return total, nil
		}
	}
}

// Run folds every interval until ctx ends; errors are logged and retried.
func (f *Folder) Run(ctx context.Context, interval time.Duration) {
	if err := f.Ensure(ctx); err != nil && ctx.Err() == nil {
		f.log.Error("stats counters check", "err", err)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := f.FoldPending(ctx); err != nil && !errors.Is(err, context.Canceled) {
			f.log.Error("stats fold", "err", err)
		} else if n > 0 {
			f.log.Debug("stats folded", "entities", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// foldBatch takes up to batch marks and folds them in tx.
func foldBatch(ctx context.Context, tx pgx.Tx, batch int) (int, error) {
	taken, err := db.StatsTake(ctx, tx, batch)
	if err != nil || taken.Len() == 0 {
		return 0, err
	}
	changes := stats.Changes{}
	if len(taken.Persons) > 0 {
		if err := foldPersons(ctx, tx, taken.Persons, changes); err != nil {
			return 0, err
		}
	}
	if len(taken.Postings) > 0 {
		now, err := db.StatsPostingFacts(ctx, tx, taken.Postings)
		if err != nil {
			return 0, err
		}
		if err := fold(ctx, tx, db.StatsPosting, taken.Postings, now, changes); err != nil {
			return 0, err
		}
	}
	return taken.Len(), db.StatsAdd(ctx, tx, changes.Items())
}

func foldPersons(ctx context.Context, tx pgx.Tx, ids []int64, changes stats.Changes) error {
	inputs, err := db.StatsPersonInputs(ctx, tx, ids)
	if err != nil {
		return err
	}
	now := make(map[int64]stats.Facts, len(ids))
	for id, in := range inputs {
		if now[id], err = stats.PersonFactsOf(*in); err != nil {
			return fmt.Errorf("person %d: %w", id, err)
		}
	}
	return fold(ctx, tx, db.StatsPerson, ids, now, changes)
}

// fold adds how the entities' facts changed to changes, and stores their
// facts now.
func fold(ctx context.Context, tx pgx.Tx, kind string, ids []int64, now map[int64]stats.Facts, changes stats.Changes) error {
	old, err := db.StatsFacts(ctx, tx, kind, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		changes.Add(old[id], now[id])
		if _, ok := now[id]; !ok {
			now[id] = stats.Facts{} // gone: its stored facts are dropped
		}
	}
	return db.StatsStoreFacts(ctx, tx, kind, now)
}
