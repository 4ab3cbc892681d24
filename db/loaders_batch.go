package db

import (
	"context"
	"time"

	"github.com/graph-gophers/dataloader/v7"
)

// loaderWait is how long a loader collects keys before it queries: long
// enough for the resolvers of one list level to queue theirs, short enough
// not to show in a request's latency.
const loaderWait = time.Millisecond

// The loaders are made on first use: a request uses few of them, and
// making one allocates its cache and batcher.

func (l *Loaders) personLoader() *dataloader.Loader[int64, *Person] {
	l.made.persons.Do(func() {
		l.persons = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[*Person] {
			rows, err := l.store.PersonsByIDs(ctx, l.scope, ids)
			return inKeyOrder(ids, rows, err, func(p *Person) int64 { return p.ID })
		})
	})
	return l.persons
}

func (l *Loaders) recordsLoader() *dataloader.Loader[int64, []SourceRecord] {
	l.made.records.Do(func() {
		l.records = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[[]SourceRecord] {
			rows, err := l.store.RecordsByPersonIDs(ctx, l.scope, ids)
			return groupedInKeyOrder(ids, rows, err, func(r *SourceRecord) int64 { return *r.PersonID })
		})
	})
	return l.records
}

func (l *Loaders) recordByIDLoader() *dataloader.Loader[int64, *SourceRecord] {
	l.made.recordByID.Do(func() {
		l.recordByID = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[*SourceRecord] {
			rows, err := l.store.RecordsByIDs(ctx, l.scope, ids)
			return inKeyOrder(ids, rows, err, func(r *SourceRecord) int64 { return r.ID })
		})
	})
	return l.recordByID
}

func (l *Loaders) postingLoader() *dataloader.Loader[int64, *JobPosting] {
	l.made.postings.Do(func() {
		l.postings = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[*JobPosting] {
			rows, err := l.store.JobPostingsByIDs(ctx, l.scope, ids)
			return inKeyOrder(ids, rows, err, func(p *JobPosting) int64 { return p.ID })
		})
	})
	return l.postings
}

func (l *Loaders) evidenceLoader() *dataloader.Loader[int64, []RecordEvidence] {
	l.made.evidence.Do(func() {
		l.evidence = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[[]RecordEvidence] {
			rows, err := l.store.EvidenceByPersonIDs(ctx, l.scope, ids)
			return groupedInKeyOrder(ids, rows, err, func(e *RecordEvidence) int64 { return e.PersonID })
		})
	})
	return l.evidence
}

func newLoader[K comparable, V any](batch dataloader.BatchFunc[K, V]) *dataloader.Loader[K, V] {
	return dataloader.NewBatchedLoader(batch, dataloader.WithWait[K, V](loaderWait))
}
