package resolvers

import (
	"context"
	"sync"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/jobmatching"
	"github.com/vethub/vethub/matching/jobs"
)

// Bounds of the first argument of jobMatches and candidates.
const (
	defaultMatches = 10
	maxMatches     = 50
)

// jobMatchModels attaches each match's posting, read in one scoped query;
// a posting the caller may not see (outside an analyst's regions) or no
// longer open is left out with its match.
func jobMatchModels(ctx context.Context, svc *jobmatching.Service, ms []jobs.Match) ([]model.JobMatch, error) {
	if len(ms) == 0 {
		return []model.JobMatch{}, nil
	}
	l, err := loaders(ctx)
	if err != nil {
		return nil, err
	}
	sourceIDs := make([]string, len(ms))
	for i, m := range ms {
		sourceIDs[i] = m.JobID
	}
	ids, err := svc.PostingIDs(ctx, sourceIDs)
	if err != nil {
		return nil, err
	}
	postings, err := l.JobPostingsByIDs(ctx, ids) // one batch; a page prefetched them (prefetchJobMatches)
	if err != nil {
		return nil, err
	}
	out := make([]model.JobMatch, 0, len(ms))
	for i, m := range ms {
		if p := postings[i]; p != nil {
			out = append(out, model.JobMatch{Posting: jobPostingFromRow(p), Score: m.Score, Reasons: matchReasons(m.Reasons)})
		}
	}
	return out, nil
}

// jobCandidateModels attaches each candidate's person through the scoped
// person loader (one batch for the list), so masking and scope apply as
// everywhere; a person the caller may not see is left out.
func jobCandidateModels(ctx context.Context, l *db.Loaders, ms []jobs.Match) ([]model.JobCandidate, error) {
	persons, err := personsByID(ctx, l, ms)
	if err != nil {
		return nil, err
	}
	out := make([]model.JobCandidate, 0, len(ms))
	for i, m := range ms {
		if persons[i] != nil {
			out = append(out, model.JobCandidate{Person: personFromRow(persons[i]), Score: m.Score, Reasons: matchReasons(m.Reasons)})
		}
	}
	return out, nil
}

// personsByID loads the matches' persons at once: the loads run
// concurrently, so the loader batches them into one query.
func personsByID(ctx context.Context, l *db.Loaders, ms []jobs.Match) ([]*db.Person, error) {
	persons := make([]*db.Person, len(ms))
	errs := make([]error, len(ms))
	var wg sync.WaitGroup
	for i, m := range ms {
		wg.Go(func() { persons[i], errs[i] = l.PersonByID(ctx, m.PersonID) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return persons, nil
}

func matchReasons(rs []jobs.Reason) []model.MatchReason {
	out := make([]model.MatchReason, len(rs))
	for i, r := range rs {
		out[i] = model.MatchReason{Code: r.Code, Points: r.Points, Detail: r.Detail}
	}
	return out
}
