package db

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

// The staging table lives per connection and is emptied at commit, so a
// batch costs no catalog churn.
const recordsStageDDL = `
CREATE TEMP TABLE IF NOT EXISTS stage_records (
	ord int, department text, source_id text, source_version bigint, as_of date,
	name text, id_number text, id_valid boolean, id_problem text, sex text, birth_date date,
	phone text, address text, region_code text, attrs jsonb, raw jsonb, content_hash bytea,
	person_id bigint, link_method text, new_person boolean -- set by placeNew for new records
) ON COMMIT DELETE ROWS`

var recordsStageColumns = []string{"ord", "department", "source_id", "source_version", "as_of",
	"name", "id_number", "id_valid", "id_problem", "sex", "birth_date",
	"phone", "address", "region_code", "attrs", "raw", "content_hash"}

// recordsUpsertSQL writes every staged record whose sourceVersion is newer
// than the stored one, logs a RECORD change for each write (and a LINK
// change for a new record placed with a person), and reports per staged row
// what was written and what was stored before. All parts see the same
// snapshot, so "stored" is the state before this statement. An update keeps
// the stored link: re-linking is the follow-up job's.
const recordsUpsertSQL = `
WITH written AS (
	INSERT INTO source_records AS s (department, source_id, source_version, as_of, name, id_number,
		id_valid, id_problem, sex, birth_date, phone, address, region_code, attrs, raw, content_hash,
		person_id, link_method, linked_at, linked_version)
	SELECT department, source_id, source_version, as_of, name, id_number,
		id_valid, id_problem, sex, birth_date, phone, address, region_code, attrs, raw, content_hash,
		person_id, link_method, CASE WHEN person_id IS NOT NULL THEN now() END,
		CASE WHEN person_id IS NOT NULL THEN source_version END
	FROM stage_records ORDER BY department, source_id
	ON CONFLICT (department, source_id) DO UPDATE SET
		source_version = EXCLUDED.source_version, as_of = EXCLUDED.as_of, name = EXCLUDED.name,
		id_number = EXCLUDED.id_number, id_valid = EXCLUDED.id_valid, id_problem = EXCLUDED.id_problem,
		sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date, phone = EXCLUDED.phone,
		address = EXCLUDED.address, region_code = EXCLUDED.region_code, attrs = EXCLUDED.attrs,
		raw = EXCLUDED.raw, content_hash = EXCLUDED.content_hash, updated_at = now()
	WHERE s.source_version < EXCLUDED.source_version
	RETURNING s.id, s.department, s.source_id, s.person_id, (s.xmax = 0) AS created
), logged AS (
	INSERT INTO changes (kind, op, department, source_id, record_id, person_id)
	SELECT 'RECORD', CASE WHEN created THEN 'CREATED' ELSE 'UPDATED' END, department, source_id, id, person_id
	FROM written
	UNION ALL
	SELECT 'LINK', 'CREATED', department, source_id, id, person_id FROM written WHERE created AND person_id IS NOT NULL
)
SELECT st.ord, st.source_version, w.id, w.created, old.id, old.source_version, old.content_hash = st.content_hash,
	CASE WHEN NOT st.new_person THEN st.person_id END
FROM stage_records st
LEFT JOIN written w ON w.department = st.department AND w.source_id = st.source_id
LEFT JOIN source_records old ON old.department = st.department AND old.source_id = st.source_id`

var recordsStaging = staging{name: "stage_records", ddl: recordsStageDDL, columns: recordsStageColumns,
	prepare: placeNew, upsert: recordsUpsertSQL, finish: placedPersonsCreate}

// RecordsUpsert stores validated records in tx: COPY into a staging table,
// then one upsert. A record is written only when its sourceVersion is newer
// than the stored one. Each (department, sourceId) may appear only once in
// recs (the caller keeps the newest). Outcomes come back in recs order.
func RecordsUpsert(ctx context.Context, tx pgx.Tx, recs []feed.Record) ([]UpsertOutcome, error) {
	return recordsStaging.run(ctx, tx, len(recs), func(i int) []any { return recordStageRow(i, recs[i]) })
}

func recordStageRow(i int, r feed.Record) []any {
	return []any{i, string(r.Department), r.SourceID, r.SourceVersion, r.AsOf.Time,
		r.Name, nullString(r.IDNumber), r.IDValid, nullString(r.IDProblem), nullString(r.Sex), nullDate(r.BirthDate),
		nullString(r.Phone), nullString(r.Address), r.RegionCode, []byte(r.Attrs), []byte(r.Raw), r.Hash[:]}
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullDate(d feed.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Time
}
