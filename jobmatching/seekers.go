package jobmatching

import (
	"context"
	"fmt"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/matching/jobs"
)

// seekerDepartments are the departments whose records (and links) feed a
// profile: the veteran registry, and health for the physical demand.
// Civil records count for the home region.
var seekerDepartments = []string{"VETERAN", "CIVIL", "HEALTH"}

// profilePage is the persons read and profiled per query.
const profilePage = 1000

// seekerIndex is the profiles of the persons seeking work on a day.
type seekerIndex struct {
	profiles []jobs.Profile // by person id
	regions  map[int64]string
	index    *jobs.ProfileIndex
}

type seekerCache struct{ snapshot[seekerIndex] }

// current returns the seekers' index for day, rebuilt when a record or a
// link was written since it was built.
func (c *seekerCache) current(ctx context.Context, s *Service, day feed.Date) (*seekerIndex, error) {
	return c.get(ctx, s, seekerDepartments, day, s.buildSeekers)
}

// buildSeekers profiles the persons SQL selects as unemployed veterans
// and keeps those whose profile is Seeking (served, under retirement age,
// not waiting for placement).
func (s *Service) buildSeekers(ctx context.Context, day feed.Date) (*seekerIndex, error) {
	ids, err := db.JobSeekerIDs(ctx, s.store.Pool)
	if err != nil {
		return nil, err
	}
	idx := &seekerIndex{regions: map[int64]string{}}
	for start := 0; start < len(ids); start += profilePage {
		persons, err := db.RecordsOfPersons(ctx, s.store.Pool, ids[start:min(start+profilePage, len(ids))])
		if err != nil {
			return nil, fmt.Errorf("job seekers: %w", err)
		}
		if err := idx.addSeeking(s.builder, persons, day); err != nil {
			return nil, err
		}
	}
	idx.index = jobs.NewProfileIndex(idx.profiles, s.weights)
	s.log.Debug("job matching: seekers indexed", "selected", len(ids), "seeking", len(idx.profiles), "day", day.String())
	return idx, nil
}

func (x *seekerIndex) addSeeking(b jobs.Builder, persons []db.PersonRecords, day feed.Date) error {
	for _, p := range persons {
		pr, err := b.Profile(jobs.Person{ID: p.PersonID, Records: p.Records}, day)
		if err != nil {
			return fmt.Errorf("job seekers: %w", err)
		}
		if pr.Seeking {
			x.profiles = append(x.profiles, pr)
			x.regions[pr.PersonID] = pr.Region
		}
	}
	return nil
}
