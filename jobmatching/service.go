// Package jobmatching serves job matches from the hub's records and
// postings: a person's best open postings, a posting's best job seekers,
// and every seeker's list for export. The scoring is matching/jobs'; the
// reads are db's. Both indexes live in memory and are rebuilt when the
// change feed shows that postings or records changed.
package jobmatching

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/matching/jobs"
)

// Service answers job matches over one store. It is safe for concurrent
// use.
type Service struct {
	store    *db.Store
	log      *slog.Logger
	today    func() feed.Date
	builder  jobs.Builder
	weights  jobs.Weights
	postings postingCache
	seekers  seekerCache
}

// Options tune a Service.
type Options struct {
	// Today is the day postings must be open on and ages are counted to;
	// zero means the current date (set it to evaluate as of a day, e.g.
	// the generator's reference date).
	Today time.Time
	// SeekersSettle is how long the job seekers' index is served before
	// the change feed is consulted again; 0 means 5 seconds. Rebuilding it
	// reads every veteran record: under steady ingest it would otherwise
	// be rebuilt for every candidates query.
	SeekersSettle time.Duration
}

// New returns a service over store with the default crosswalk, limits
// and weights.
func New(store *db.Store, log *slog.Logger, o Options) *Service {
	if log == nil {
		log = slog.Default()
	}
	today := func() feed.Date { return dateOf(time.Now()) }
	if !o.Today.IsZero() {
		day := dateOf(o.Today)
		today = func() feed.Date { return day }
	}
	s := &Service{store: store, log: log, today: today,
		builder: jobs.Builder{Crosswalk: jobs.DefaultCrosswalk(), Limits: jobs.DefaultLimits()},
		weights: jobs.DefaultWeights()}
	s.seekers.settle = cmp.Or(o.SeekersSettle, 5*time.Second)
	return s
}

func dateOf(t time.Time) feed.Date {
	return feed.NewDate(t.Year(), t.Month(), t.Day())
}

// JobsFor returns the k best postings open today for the person, best
// first, from a profile built from their current records. A person
// without records or without a fitting occupation gets none.
func (s *Service) JobsFor(ctx context.Context, personID int64, k int) ([]jobs.Match, error) {
	all, err := s.JobsForPersons(ctx, []int64{personID}, k)
	return all[personID], err
}

// JobsForPersons is JobsFor for several persons at once: one read of
// their records (a page of persons costs what one does).
func (s *Service) JobsForPersons(ctx context.Context, personIDs []int64, k int) (map[int64][]jobs.Match, error) {
	today := s.today()
	idx, err := s.postings.current(ctx, s, today)
	if err != nil {
		return nil, err
	}
	persons, err := db.RecordsOfPersons(ctx, s.store.Pool, personIDs)
	if err != nil {
		return nil, fmt.Errorf("jobs for persons: %w", err)
	}
	out := make(map[int64][]jobs.Match, len(persons))
	for _, pr := range persons {
		if len(pr.Records) == 0 {
			continue
		}
		p, err := s.builder.Profile(jobs.Person{ID: pr.PersonID, Records: pr.Records}, today)
		if err != nil {
			return nil, fmt.Errorf("jobs for person %d: %w", pr.PersonID, err)
		}
		out[pr.PersonID] = idx.jobs.Top(&p, k, today)
	}
	return out, nil
}

// CandidatesFor returns the k best job seekers for the posting with the
// hub id postingID, best first. regionPrefixes, when not empty, keep only
// seekers whose home region starts with one of them (an analyst's scope).
// A posting that is closed, full or unknown has none.
func (s *Service) CandidatesFor(ctx context.Context, postingID int64, k int, regionPrefixes []string) ([]jobs.Match, error) {
	today := s.today()
	pidx, err := s.postings.current(ctx, s, today)
	if err != nil {
		return nil, err
	}
	posting, ok := pidx.byID[postingID]
	if !ok || k <= 0 {
		return nil, nil
	}
	sidx, err := s.seekers.current(ctx, s, today)
	if err != nil {
		return nil, err
	}
	if len(regionPrefixes) == 0 {
		return sidx.index.Candidates(posting, k, today), nil
	}
	// The index ranks over every seeker; the region filter comes after,
	// so rank them all (a posting's bucket is one occupation family in
	// one prefecture: small) and keep the first k inside the regions.
	var out []jobs.Match
	for _, m := range sidx.index.Candidates(posting, sidx.index.Len(), today) {
		if inRegions(sidx.regions[m.PersonID], regionPrefixes) {
			out = append(out, m)
			if len(out) == k {
				break
			}
		}
	}
	return out, nil
}

// PostingIDs returns the hub ids of the open postings with the sourceIDs,
// as the latest index knows them; 0 for one that is not open.
func (s *Service) PostingIDs(ctx context.Context, sourceIDs []string) ([]int64, error) {
	idx := s.postings.last()
	if idx == nil { // nothing matched yet: build the index
		var err error
		if idx, err = s.postings.current(ctx, s, s.today()); err != nil {
			return nil, err
		}
	}
	out := make([]int64, len(sourceIDs))
	for i, id := range sourceIDs {
		out[i] = idx.idOf[id]
	}
	return out, nil
}

// EachSeekerMatches calls fn for every job seeker in person id order with
// their k best open postings (possibly none); fn's error stops the walk.
func (s *Service) EachSeekerMatches(ctx context.Context, k int, fn func(personID int64, ms []jobs.Match) error) error {
	today := s.today()
	pidx, err := s.postings.current(ctx, s, today)
	if err != nil {
		return err
	}
	sidx, err := s.seekers.current(ctx, s, today)
	if err != nil {
		return err
	}
	for i := range sidx.profiles {
		p := &sidx.profiles[i]
		if err := fn(p.PersonID, pidx.jobs.Top(p, k, today)); err != nil {
			return err
		}
	}
	return nil
}

func inRegions(region string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(region, p) {
			return true
		}
	}
	return false
}
