// Package linker links records into persons right after ingest, with the
// model the newest batch linkage (vethub link --all) trained: the durable
// follow-up job of every write calls Link. It keeps an index of every
// record's block keys in memory, current through the change feed, to find
// the records batch linkage would compare a new one with; the weighing
// and clustering are matching/fs's, the reads and writes db's.
package linker

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching/fs"
)

// Linker links records incrementally. One per process; Link calls are
// serialised, and across processes the batch-linkage lock serialises them.
type Linker struct {
	store *db.Store
	log   *slog.Logger
	opts  fs.Options

	mu      sync.Mutex
	index   *Index
	cursor  db.ChangeCursor // the change feed read into the index so far
	seen    map[int64]bool  // changes after cursor read already
	loaded  bool
	modelID int64
	model   *fs.Model
}

// New returns a linker over store with Link's default thresholds.
func New(store *db.Store, log *slog.Logger) *Linker {
	return &Linker{store: store, log: log, opts: fs.Options{}, index: NewIndex()}
}

// Link links the given records: each one's person merges with the persons
// its records match, a probabilistically linked record that no longer
// matches its person leaves it, and uncertain pairs go to review. Until a
// batch linkage has trained a model it does nothing (exact-ID linkage
// alone). Safe to run again: a second run changes nothing.
func (l *Linker) Link(ctx context.Context, recordIDs []int64) (db.LinkResult, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var res db.LinkResult
	if len(recordIDs) == 0 {
		return res, nil
	}
	if err := l.loadIndexOnce(ctx); err != nil {
		return res, fmt.Errorf("incremental linkage: %w", err)
	}
	err := l.store.InLinkLock(ctx, func(tx pgx.Tx) error {
		ready, err := l.ready(ctx, tx)
		if err != nil || !ready {
			return err
		}
		plan, err := l.plan(ctx, tx, recordIDs)
		if err != nil {
			return err
		}
		res, err = db.LinkIncrementalApply(ctx, tx, plan)
		return err
	})
	if err != nil {
		return res, fmt.Errorf("incremental linkage: %w", err)
	}
	return res, nil
}

// loadIndexOnce builds the index the first time a model exists, before
// Link takes the lock that holds writers back.
func (l *Linker) loadIndexOnce(ctx context.Context) error {
	if l.loaded {
		return nil
	}
	id, err := db.LinkModelLatest(ctx, l.store.Pool)
	if err != nil || id == 0 {
		return err
	}
	return l.loadIndex(ctx)
}

// ready loads the newest model and brings the index up to date with the
// change feed; false when no model exists yet.
func (l *Linker) ready(ctx context.Context, tx pgx.Tx) (bool, error) {
	id, err := db.LinkModelLatest(ctx, tx)
	if err != nil || id == 0 {
		return false, err
	}
	if id != l.modelID {
		data, err := db.LinkModel(ctx, tx, id)
		if err != nil {
			return false, err
		}
		m := new(fs.Model)
		if err := json.Unmarshal(data, m); err != nil {
			return false, fmt.Errorf("link model %d: %w", id, err)
		}
		l.model, l.modelID = m, id
	}
	if !l.loaded { // the first model appeared after loadIndexOnce looked
		if err := l.loadIndex(ctx); err != nil {
			return false, err
		}
	}
	return true, l.catchUp(ctx, tx)
}

// catchUp files the records changed since the index was last brought up
// to date. Changes not yet settled come again until they are; those read
// once are skipped.
func (l *Linker) catchUp(ctx context.Context, tx pgx.Tx) error {
	changes, next, err := db.LinkFeedSince(ctx, tx, l.cursor)
	if err != nil {
		return err
	}
	seen := make(map[int64]bool, len(changes))
	var ids []int64
	for _, c := range changes {
		if !l.seen[c.ChangeID] {
			ids = append(ids, c.RecordID)
		}
		seen[c.ChangeID] = true // changes no longer returned are behind the cursor
	}
	err = db.LinkRowsByID(ctx, tx, ids, func(r db.LinkRow) {
		rec := Record(r)
		l.index.Add(r.RecordID, fs.BlockKeys(&rec))
	})
	if err != nil {
		return err
	}
	l.cursor, l.seen = next, seen
	return nil
}

// loadIndex files every stored record's keys, computing them on every CPU.
func (l *Linker) loadIndex(ctx context.Context) error {
	rows := make(chan db.LinkRow, 4096)
	parts := make([][]entry, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rows {
				rec := Record(r)
				for _, k := range fs.BlockKeys(&rec) {
					parts[w] = append(parts[w], entry{k, r.RecordID})
				}
			}
		}()
	}
	cursor, err := l.store.LinkIndexAll(ctx, func(r db.LinkRow) { rows <- r })
	close(rows)
	wg.Wait()
	if err != nil {
		return err
	}
	var all []entry
	for _, p := range parts {
		all = append(all, p...)
	}
	l.index.load(all)
	l.cursor, l.loaded = cursor, true
	l.log.Info("linkage index built", "entries", l.index.Len())
	return nil
}
