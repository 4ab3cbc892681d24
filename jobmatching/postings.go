package jobmatching

import (
	"context"
	"fmt"
	"slices"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/matching/jobs"
)

// postingDepartments are the change-feed departments postings are logged
// under.
var postingDepartments = []string{"JOBS"}

// postingIndex is the open postings of a day, indexed for matching.
type postingIndex struct {
	jobs *jobs.JobIndex
	byID map[int64]*jobs.Posting // hub id → posting
	idOf map[string]int64        // sourceId → hub id
}

type postingCache struct{ snapshot[postingIndex] }

// current returns the index of the postings open on day, rebuilt when a
// posting was written since it was built.
func (c *postingCache) current(ctx context.Context, s *Service, day feed.Date) (*postingIndex, error) {
	return c.get(ctx, s, postingDepartments, day, s.buildPostings)
}

// buildPostings reads the postings open on day and rebuilds each one's
// feed.Job from the input stored with it, with the openings done job
// referrals filled.
func (s *Service) buildPostings(ctx context.Context, day feed.Date) (*postingIndex, error) {
	rows, err := db.JobPostingsOpen(ctx, s.store.Pool, day.Time)
	if err != nil {
		return nil, err
	}
	idx := &postingIndex{byID: make(map[int64]*jobs.Posting, len(rows)), idOf: make(map[string]int64, len(rows))}
	postings := make([]jobs.Posting, 0, len(rows))
	for _, r := range rows {
		res := feed.DecodeJob(r.Raw)
		if len(res.Errors) > 0 { // stored postings passed validation: a changed validator
			return nil, fmt.Errorf("job posting %d: stored input no longer valid: %v", r.ID, res.Errors[0])
		}
		postings = append(postings, jobs.NewPosting(res.Job, r.Filled))
	}
	for i, r := range rows {
		idx.byID[r.ID] = &postings[i]
		idx.idOf[postings[i].SourceID] = r.ID
	}
	idx.jobs = jobs.NewJobIndex(postings, s.weights)
	s.log.Debug("job matching: postings indexed", "open", len(rows), "indexed", idx.jobs.Len(), "day", day.String())
	return idx, nil
}

// stampOf is the change-feed stamp of the departments' rows; for postings
// also the done job referrals, which fill their openings.
func (s *Service) stampOf(ctx context.Context, departments []string) (string, error) {
	stamp, err := db.ChangesStamp(ctx, s.store.Pool, departments)
	if err != nil {
		return "", fmt.Errorf("job matching: %w", err)
	}
	if !slices.Contains(departments, "JOBS") {
		return stamp, nil
	}
	referrals, err := db.JobReferralsStamp(ctx, s.store.Pool)
	if err != nil {
		return "", fmt.Errorf("job matching: %w", err)
	}
	return stamp + "/" + referrals, nil
}
