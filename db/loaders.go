package db

import (
	"context"
	"sync"

	"github.com/graph-gophers/dataloader/v7"
)

// Loaders batch and cache the reads of one request, under that request's
// scope. Each batch is one "= ANY($1)" query whose results come back in key
// order with not-found keys filled in as nil. Build them per request with
// Store.WithLoaders: the cache lives as long as the request. Each loader is
// made on first use, as a request uses few of them.
type Loaders struct {
	store      *Store
	scope      Scope
	made       struct{ persons, records, recordByID, postings, evidence sync.Once }
	persons    *dataloader.Loader[int64, *Person]
	records    *dataloader.Loader[int64, []SourceRecord]
	recordByID *dataloader.Loader[int64, *SourceRecord]
	postings   *dataloader.Loader[int64, *JobPosting]
	evidence   *dataloader.Loader[int64, []RecordEvidence]
	regions    *regionCache // in memory, not batched: see regions_cache.go
	cases      caseLoaders
}

type loadersKey struct{}

// WithLoaders returns ctx carrying fresh loaders that read under scope.
func (s *Store) WithLoaders(ctx context.Context, scope Scope) context.Context {
	return context.WithValue(ctx, loadersKey{}, s.NewLoaders(scope))
}

// LoadersFrom returns the loaders WithLoaders put in ctx, or nil if none.
func LoadersFrom(ctx context.Context) *Loaders {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	return l
}

// NewLoaders returns fresh loaders that read under scope.
func (s *Store) NewLoaders(scope Scope) *Loaders {
	return &Loaders{store: s, scope: scope, regions: s.regionCache()}
}

// Scope returns the scope the loaders read under.
func (l *Loaders) Scope() Scope { return l.scope }

// inKeyOrder returns one result per key, in key order: the row with that
// key, or nil when there is none. A query error fails every key.
func inKeyOrder[K comparable, V any](keys []K, rows []V, err error, key func(*V) K) []*dataloader.Result[*V] {
	out := make([]*dataloader.Result[*V], len(keys))
	byKey := make(map[K]*V, len(rows))
	for i := range rows {
		byKey[key(&rows[i])] = &rows[i]
	}
	for i, k := range keys {
		out[i] = &dataloader.Result[*V]{Data: byKey[k], Error: err}
	}
	return out
}

// groupedInKeyOrder is inKeyOrder for one-to-many: each key gets its rows
// in query order, or none.
func groupedInKeyOrder[K comparable, V any](keys []K, rows []V, err error, key func(*V) K) []*dataloader.Result[[]V] {
	out := make([]*dataloader.Result[[]V], len(keys))
	byKey := make(map[K][]V, len(keys))
	for i := range rows {
		k := key(&rows[i])
		byKey[k] = append(byKey[k], rows[i])
	}
	for i, k := range keys {
		out[i] = &dataloader.Result[[]V]{Data: byKey[k], Error: err}
	}
	return out
}

// PersonByID returns the in-scope person with id as stored (a merged person
// too), or nil when there is none.
func (l *Loaders) PersonByID(ctx context.Context, id int64) (*Person, error) {
	return l.personLoader().Load(ctx, id)()
}

// PrimePersons caches persons read otherwise (a page, a lookup), so links
// back to them from records cost no query.
func (l *Loaders) PrimePersons(ctx context.Context, persons []Person) {
	for i := range persons {
		l.personLoader().Prime(ctx, persons[i].ID, &persons[i])
	}
}

// PrimeRecords caches the in-scope records of a person read otherwise
// (PersonGetWithRecords), so RecordsByPersonID costs no query.
func (l *Loaders) PrimeRecords(ctx context.Context, personID int64, records []SourceRecord) {
	l.recordsLoader().Prime(ctx, personID, records)
}

// RecordsByPersonID returns the in-scope records linked to the person,
// ordered by department and then latest first; the records of every person
// asked for in the same batch come from one query.
func (l *Loaders) RecordsByPersonID(ctx context.Context, personID int64) ([]SourceRecord, error) {
	return l.recordsLoader().Load(ctx, personID)()
}

// RecordByID returns the in-scope record with id, or nil when there is none.
func (l *Loaders) RecordByID(ctx context.Context, id int64) (*SourceRecord, error) {
	return l.recordByIDLoader().Load(ctx, id)()
}

// RegionByCode returns the region with exactly this code, or nil when the
// table does not have it. The region is shared: do not modify it.
func (l *Loaders) RegionByCode(ctx context.Context, code string) (*Region, error) {
	t, err := l.regions.table(ctx, l.store)
	if err != nil {
		return nil, err
	}
	return t.byCode[code], nil
}

// RegionContaining returns the most specific known region whose code is a
// prefix of code (12, then 9, then 6 digits), or nil when none is known.
// The region is shared: do not modify it.
func (l *Loaders) RegionContaining(ctx context.Context, code string) (*Region, error) {
	t, err := l.regions.table(ctx, l.store)
	if err != nil {
		return nil, err
	}
	return t.containing(code), nil
}

// JobPostingByID returns the in-scope posting with id, or nil when there is
// none.
func (l *Loaders) JobPostingByID(ctx context.Context, id int64) (*JobPosting, error) {
	return l.postingLoader().Load(ctx, id)()
}

// JobPostingsByIDs returns the in-scope postings with ids (nil where
// none), queued as one batch.
func (l *Loaders) JobPostingsByIDs(ctx context.Context, ids []int64) ([]*JobPosting, error) {
	out, errs := l.postingLoader().LoadMany(ctx, ids)()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EvidenceByPersonID queues the load of the link evidence of a person's
// records in scope and returns the function that waits for it: queue it
// before waiting on other loads, so one page's persons share one batch.
func (l *Loaders) EvidenceByPersonID(ctx context.Context, personID int64) func() ([]RecordEvidence, error) {
	return l.evidenceLoader().Load(ctx, personID)
}
