package db

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

const postingsStageDDL = `
CREATE TEMP TABLE IF NOT EXISTS stage_postings (
	ord int, source_id text, source_version bigint, as_of date, employer text, title text,
	occupation_code text, required_skills text[], min_education text, min_age int, max_age int,
	physical_demand text, region_code text, salary_min numeric, salary_max numeric, openings int,
	veteran_preferred boolean, closes_on date, raw json, content_hash bytea
) ON COMMIT DELETE ROWS`

var postingsStageColumns = []string{"ord", "source_id", "source_version", "as_of", "employer", "title",
	"occupation_code", "required_skills", "min_education", "min_age", "max_age",
	"physical_demand", "region_code", "salary_min", "salary_max", "openings",
	"veteran_preferred", "closes_on", "raw", "content_hash"}

// postingsUpsertSQL mirrors recordsUpsertSQL for job postings.
const postingsUpsertSQL = `
WITH written AS (
	INSERT INTO job_postings AS s (source_id, source_version, as_of, employer, title, occupation_code,
		required_skills, min_education, min_age, max_age, physical_demand, region_code, salary_min,
		salary_max, openings, veteran_preferred, closes_on, raw, content_hash)
	SELECT source_id, source_version, as_of, employer, title, occupation_code,
		required_skills, min_education, min_age, max_age, physical_demand, region_code, salary_min,
		salary_max, openings, veteran_preferred, closes_on, raw, content_hash
	FROM stage_postings ORDER BY source_id
	ON CONFLICT (source_id) DO UPDATE SET
		source_version = EXCLUDED.source_version, as_of = EXCLUDED.as_of, employer = EXCLUDED.employer,
		title = EXCLUDED.title, occupation_code = EXCLUDED.occupation_code,
		required_skills = EXCLUDED.required_skills, min_education = EXCLUDED.min_education,
		min_age = EXCLUDED.min_age, max_age = EXCLUDED.max_age, physical_demand = EXCLUDED.physical_demand,
		region_code = EXCLUDED.region_code, salary_min = EXCLUDED.salary_min, salary_max = EXCLUDED.salary_max,
		openings = EXCLUDED.openings, veteran_preferred = EXCLUDED.veteran_preferred,
		closes_on = EXCLUDED.closes_on, raw = EXCLUDED.raw, content_hash = EXCLUDED.content_hash,
		updated_at = now()
	WHERE s.source_version < EXCLUDED.source_version
	RETURNING s.id, s.source_id, (s.xmax = 0) AS created
), logged AS (
	INSERT INTO changes (kind, op, department, source_id, record_id)
	SELECT 'JOB', CASE WHEN created THEN 'CREATED' ELSE 'UPDATED' END, 'JOBS', source_id, id FROM written
)
SELECT st.ord, st.source_version, w.id, w.created, old.id, old.source_version, old.content_hash = st.content_hash
FROM stage_postings st
LEFT JOIN written w ON w.source_id = st.source_id
LEFT JOIN job_postings old ON old.source_id = st.source_id`

var postingsStaging = staging{name: "stage_postings", ddl: postingsStageDDL, columns: postingsStageColumns, upsert: postingsUpsertSQL}

// JobPostingsUpsert stores validated postings in tx like RecordsUpsert:
// COPY into staging, one upsert, newer sourceVersion wins, outcomes in
// input order. Each sourceId may appear only once in jobs.
func JobPostingsUpsert(ctx context.Context, tx pgx.Tx, jobs []feed.Job) ([]UpsertOutcome, error) {
	return postingsStaging.run(ctx, tx, len(jobs), func(i int) []any { return postingStageRow(i, jobs[i]) })
}

func postingStageRow(i int, j feed.Job) []any {
	skills := j.RequiredSkills
	if skills == nil {
		skills = []string{}
	}
	preferred := j.VeteranPreferred != nil && *j.VeteranPreferred
	return []any{i, j.SourceID, j.SourceVersion, j.AsOf.Time, j.Employer, j.Title,
		nullString(j.OccupationCode), skills, nullString(j.MinEducation), j.MinAge, j.MaxAge,
		nullString(j.PhysicalDemand), j.RegionCode, j.SalaryMin, j.SalaryMax, nullInt(j.Openings),
		preferred, nullDate(j.ClosesOn), []byte(j.Raw), j.Hash[:]}
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
