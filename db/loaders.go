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

// Loaders batch and cache the reads of one request, under that request's
// scope. Each batch is one "= ANY($1)" query whose results come back in key
// order with not-found keys filled in as nil. Build them per request with
// Store.WithLoaders: the cache lives as long as the request.
type Loaders struct {
	store      *Store
	scope      Scope
	persons    *dataloader.Loader[int64, *Person]
	records    *dataloader.Loader[int64, []SourceRecord]
	recordByID *dataloader.Loader[int64, *SourceRecord]
	regions    *dataloader.Loader[string, *Region]
	postings   *dataloader.Loader[int64, *JobPosting]
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
	l := &Loaders{store: s, scope: scope}
	l.persons = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[*Person] {
		rows, err := s.PersonsByIDs(ctx, scope, ids)
		return inKeyOrder(ids, rows, err, func(p *Person) int64 { return p.ID })
	})
	l.records = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[[]SourceRecord] {
		rows, err := s.RecordsByPersonIDs(ctx, scope, ids)
		return groupedInKeyOrder(ids, rows, err, func(r *SourceRecord) int64 { return *r.PersonID })
	})
	l.recordByID = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[*SourceRecord] {
		rows, err := s.RecordsByIDs(ctx, scope, ids)
		return inKeyOrder(ids, rows, err, func(r *SourceRecord) int64 { return r.ID })
	})
	l.regions = newLoader(l.regionBatch)
	l.postings = newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[*JobPosting] {
		rows, err := s.JobPostingsByIDs(ctx, scope, ids)
		return inKeyOrder(ids, rows, err, func(p *JobPosting) int64 { return p.ID })
	})
	return l
}

// Scope returns the scope the loaders read under.
func (l *Loaders) Scope() Scope { return l.scope }

// regionBatch loads the asked regions with all their ancestors and primes
// the ancestors, so walking up to the province costs no further query.
func (l *Loaders) regionBatch(ctx context.Context, codes []string) []*dataloader.Result[*Region] {
	rows, err := l.store.RegionsWithAncestors(ctx, codes)
	for i := range rows {
		l.regions.Prime(ctx, rows[i].Code, &rows[i])
	}
	return inKeyOrder(codes, rows, err, func(r *Region) string { return r.Code })
}

func newLoader[K comparable, V any](batch dataloader.BatchFunc[K, V]) *dataloader.Loader[K, V] {
	return dataloader.NewBatchedLoader(batch, dataloader.WithWait[K, V](loaderWait))
}

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
	return l.persons.Load(ctx, id)()
}

// PrimePersons caches persons read otherwise (a page, a lookup), so links
// back to them from records cost no query.
func (l *Loaders) PrimePersons(ctx context.Context, persons []Person) {
	for i := range persons {
		l.persons.Prime(ctx, persons[i].ID, &persons[i])
	}
}

// RecordsByPersonID returns the in-scope records linked to the person,
// ordered by department and then latest first; the records of every person
// asked for in the same batch come from one query.
func (l *Loaders) RecordsByPersonID(ctx context.Context, personID int64) ([]SourceRecord, error) {
	return l.records.Load(ctx, personID)()
}

// RecordByID returns the in-scope record with id, or nil when there is none.
func (l *Loaders) RecordByID(ctx context.Context, id int64) (*SourceRecord, error) {
	return l.recordByID.Load(ctx, id)()
}

// RegionByCode returns the region with exactly this code, or nil when the
// table does not have it.
func (l *Loaders) RegionByCode(ctx context.Context, code string) (*Region, error) {
	return l.regions.Load(ctx, code)()
}

// RegionContaining returns the most specific known region whose code is a
// prefix of code (12, then 9, then 6 digits), or nil when none is known.
// All candidates join the same batch.
func (l *Loaders) RegionContaining(ctx context.Context, code string) (*Region, error) {
	candidates := RegionCandidates(code)
	thunks := make([]dataloader.Thunk[*Region], len(candidates))
	for i, c := range candidates {
		thunks[i] = l.regions.Load(ctx, c)
	}
	for _, thunk := range thunks {
		if r, err := thunk(); err != nil || r != nil {
			return r, err
		}
	}
	return nil, nil
}

// JobPostingByID returns the in-scope posting with id, or nil when there is
// none.
func (l *Loaders) JobPostingByID(ctx context.Context, id int64) (*JobPosting, error) {
	return l.postings.Load(ctx, id)()
}
