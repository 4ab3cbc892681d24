package resolvers

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/graph-gophers/dataloader/v7"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/jobmatching"
	"github.com/vethub/vethub/matching/jobs"
)

// A page of persons asking for their job matches reads their records once:
// the request's loader batches Person.jobMatches by the number asked for.

type jobMatchesKey struct {
	person int64
	k      int
}

type jobMatchesLoaderKey struct{}

// jobMatchesLoader is the request's loader and the service it reads.
type jobMatchesLoader struct {
	*dataloader.Loader[jobMatchesKey, []jobs.Match]
	svc *jobmatching.Service
}

// withJobMatchesLoader returns ctx carrying a fresh loader of persons' job
// matches over svc.
func withJobMatchesLoader(ctx context.Context, svc *jobmatching.Service) context.Context {
	l := dataloader.NewBatchedLoader(func(ctx context.Context, keys []jobMatchesKey) []*dataloader.Result[[]jobs.Match] {
		byK := map[int][]int64{}
		for _, key := range keys {
			byK[key.k] = append(byK[key.k], key.person)
		}
		found := map[jobMatchesKey][]jobs.Match{}
		var err error
		for k, persons := range byK {
			var all map[int64][]jobs.Match
			if all, err = svc.JobsForPersons(ctx, persons, k); err != nil {
				break
			}
			for p, ms := range all {
				found[jobMatchesKey{p, k}] = ms
			}
		}
		out := make([]*dataloader.Result[[]jobs.Match], len(keys))
		for i, key := range keys {
			out[i] = &dataloader.Result[[]jobs.Match]{Data: found[key], Error: err}
		}
		return out
	}, dataloader.WithWait[jobMatchesKey, []jobs.Match](time.Millisecond))
	return context.WithValue(ctx, jobMatchesLoaderKey{}, jobMatchesLoader{l, svc})
}

// jobsFor returns the person's k best matches through the request's
// loader, or straight from svc outside a request.
func jobsFor(ctx context.Context, svc *jobmatching.Service, person int64, k int) ([]jobs.Match, error) {
	if l, ok := ctx.Value(jobMatchesLoaderKey{}).(jobMatchesLoader); ok {
		return l.Load(ctx, jobMatchesKey{person, k})()
	}
	return svc.JobsFor(ctx, person, k)
}

// prefetchJobMatches loads the job matches a page of persons asks for in
// one read and primes the loader (a time window alone splits a large
// page, see db/loaders_prefetch.go).
func prefetchJobMatches(ctx context.Context, persons []int64) error {
	l, ok := ctx.Value(jobMatchesLoaderKey{}).(jobMatchesLoader)
	f, selected := selectedField(ctx, "jobMatches", "edges", "node")
	if !ok || !selected {
		return nil
	}
	k := defaultMatches
	if v, ok := f.ArgumentMap(graphql.GetOperationContext(ctx).Variables)["first"].(int64); ok {
		k = int(v)
	}
	if k < 1 || k > maxMatches {
		return nil // the field itself refuses it
	}
	all, err := l.svc.JobsForPersons(ctx, persons, k)
	if err != nil {
		return err
	}
	var sourceIDs []string
	for _, p := range persons {
		l.Prime(ctx, jobMatchesKey{p, k}, all[p])
		for _, m := range all[p] {
			sourceIDs = append(sourceIDs, m.JobID)
		}
	}
	if len(sourceIDs) == 0 {
		return nil
	}
	ids, err := l.svc.PostingIDs(ctx, sourceIDs)
	if err != nil {
		return err
	}
	return db.LoadersFrom(ctx).PrefetchJobPostings(ctx, ids)
}
