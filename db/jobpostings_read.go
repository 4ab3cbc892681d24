package db

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// JobPosting is a row of job_postings: a posting of the employment service.
type JobPosting struct {
	ID               int64
	SourceID         string
	SourceVersion    int64
	AsOf             time.Time
	Employer         string
	Title            string
	OccupationCode   *string
	RequiredSkills   []string
	MinEducation     *string
	MinAge           *int
	MaxAge           *int
	PhysicalDemand   *string
	RegionCode       string
	SalaryMin        *float64 // yuan per month
	SalaryMax        *float64
	Openings         *int
	VeteranPreferred bool
	ClosesOn         *time.Time
	// Raw is the input exactly as received; reads leave it empty.
	Raw       json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
}

const jobPostingColumns = `id, source_id, source_version, as_of, employer, title, occupation_code,
	required_skills, min_education, min_age, max_age, physical_demand, region_code, salary_min,
	salary_max, openings, veteran_preferred, closes_on, created_at, updated_at`

// JobPostingGet returns the posting with the employment service's key. It
// fails with ErrNotFound when there is none in scope.
func (s *Store) JobPostingGet(ctx context.Context, scope Scope, sourceID string) (JobPosting, error) {
	w := &where{}
	w.add("source_id = " + w.arg(sourceID))
	jobPostingScope(w, scope)
	rows, _ := s.Pool.Query(ctx, "SELECT "+jobPostingColumns+" FROM job_postings "+w.sql(), w.args...)
	p, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByNameLax[JobPosting])
	if err != nil {
		return JobPosting{}, fmt.Errorf("job posting get: %w", translate(err))
	}
	return p, nil
}

// JobPostingsByIDs returns the in-scope postings with the given ids, in no
// particular order; missing ids are left out.
func (s *Store) JobPostingsByIDs(ctx context.Context, scope Scope, ids []int64) ([]JobPosting, error) {
	w := &where{}
	w.add("id = ANY(" + w.arg(ids) + ")")
	jobPostingScope(w, scope)
	rows, _ := s.Pool.Query(ctx, "SELECT "+jobPostingColumns+" FROM job_postings "+w.sql(), w.args...)
	postings, err := pgx.CollectRows(rows, pgx.RowToStructByNameLax[JobPosting])
	if err != nil {
		return nil, fmt.Errorf("job postings by ids: %w", translate(err))
	}
	return postings, nil
}

// jobPostingScope treats postings as the JOBS department's records: a
// department scope other than JOBS sees none.
func jobPostingScope(w *where, scope Scope) {
	scope.regionIn(w, "region_code")
	scope.departmentIs(w, "'JOBS'::text")
}
