package db

import (
	"bytes"
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

// RecordsUpsert stores validated records in tx and reports, in recs order,
// what happened to each. A record is written only when its sourceVersion is
// newer than the stored one. A batch that looks new throughout is written
// without looking its records up first (recordsInsertIfAllNew). Otherwise
// records not stored yet go straight in with COPY (recordsInsert), placed
// in their person; newer versions of stored records go through a staged
// upsert (recordsUpdate); the rest are decided here without writing. Each (department, sourceId) may appear only once in recs
// (the caller keeps the newest).
func RecordsUpsert(ctx context.Context, tx pgx.Tx, recs []feed.Record) ([]UpsertOutcome, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	if err := linkShared(ctx, tx); err != nil {
		return nil, err
	}
	out := make([]UpsertOutcome, len(recs))
	if wrote, err := recordsInsertIfAllNew(ctx, tx, recs, out); wrote || err != nil {
		return out, err
	}
	stored, err := recordsStored(ctx, tx, recs)
	if err != nil {
		return nil, err
	}
	var fresh, newer []int
	for i, r := range recs {
		s, ok := stored[recordKey{string(r.Department), r.SourceID}]
		switch {
		case !ok:
			fresh = append(fresh, i)
		case s.version < r.SourceVersion:
			newer = append(newer, i)
		default:
			out[i] = outcomeNotWritten(i, r, s)
		}
	}
	if err := recordsInsert(ctx, tx, recs, fresh, out); err != nil {
		return nil, err
	}
	return out, recordsUpdate(ctx, tx, recs, newer, out)
}

// outcomeNotWritten decides a record whose stored version is not older.
func outcomeNotWritten(i int, r feed.Record, s storedRecord) UpsertOutcome {
	o := UpsertOutcome{Index: i, ID: s.id, StoredVersion: s.version}
	switch {
	case s.version > r.SourceVersion:
		o.Status, o.StaleReason = StatusStale, StaleNewerStored
	case bytes.Equal(s.hash, r.Hash[:]):
		o.Status = StatusUnchanged
	default:
		o.Status, o.StaleReason = StatusStale, StaleVersionConflict
	}
	return o
}

// The staging table lives per connection and is emptied at commit, so a
// batch costs no catalog churn.
const recordsStageDDL = `
CREATE TEMP TABLE IF NOT EXISTS stage_records (
	ord int, department text, source_id text, source_version bigint, as_of date,
	name text, id_number text, id_valid boolean, id_problem text, sex text, birth_date date,
	phone text, address text, region_code text, attrs text, raw text, content_hash bytea, id_legacy boolean
) ON COMMIT DELETE ROWS`

var recordsStageColumns = []string{"ord", "department", "source_id", "source_version", "as_of",
	"name", "id_number", "id_valid", "id_problem", "sex", "birth_date",
	"phone", "address", "region_code", "attrs", "raw", "content_hash", "id_legacy"}

// recordsUpsertSQL writes every staged record whose sourceVersion is newer
// than the stored one, logs a RECORD change for each write, and reports per
// staged row what was written and what was stored before. All parts see the
// same snapshot, so "stored" is the state before this statement. An update
// keeps the stored link: re-linking is the follow-up job's. A record that
// is not stored (it never is: recordsInsert takes those) would be inserted
// unlinked, for the job to link.
const recordsUpsertSQL = `
WITH written AS (
	INSERT INTO source_records AS s (department, source_id, source_version, as_of, name, id_number,
		id_valid, id_problem, sex, birth_date, phone, address, region_code, attrs, raw, content_hash, id_legacy)
	SELECT department, source_id, source_version, as_of, name, id_number,
		id_valid, id_problem, sex, birth_date, phone, address, region_code, attrs, raw, content_hash, id_legacy
	FROM stage_records ORDER BY department, source_id
	ON CONFLICT (department, source_id) DO UPDATE SET
		source_version = EXCLUDED.source_version, as_of = EXCLUDED.as_of, name = EXCLUDED.name,
		id_number = EXCLUDED.id_number, id_valid = EXCLUDED.id_valid, id_problem = EXCLUDED.id_problem,
		sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date, phone = EXCLUDED.phone,
		address = EXCLUDED.address, region_code = EXCLUDED.region_code, attrs = EXCLUDED.attrs,
		raw = EXCLUDED.raw, content_hash = EXCLUDED.content_hash, id_legacy = EXCLUDED.id_legacy, updated_at = now()
	WHERE s.source_version < EXCLUDED.source_version
	RETURNING s.id, s.department, s.source_id, s.person_id, (s.xmax = 0) AS created
), logged AS (
	INSERT INTO changes (kind, op, department, source_id, record_id, person_id)
	SELECT 'RECORD', CASE WHEN created THEN 'CREATED' ELSE 'UPDATED' END, department, source_id, id, person_id
	FROM written
)
SELECT st.ord, st.source_version, w.id, w.created, old.id, old.source_version, old.content_hash = st.content_hash
FROM stage_records st
LEFT JOIN written w ON w.department = st.department AND w.source_id = st.source_id
LEFT JOIN source_records old ON old.department = st.department AND old.source_id = st.source_id`

var recordsStaging = staging{name: "stage_records", ddl: recordsStageDDL, columns: recordsStageColumns, upsert: recordsUpsertSQL}

// recordsUpdate writes the records at idx (newer versions of stored ones)
// through the staged upsert, which settles races with concurrent writers,
// and puts their outcomes into out.
func recordsUpdate(ctx context.Context, tx pgx.Tx, recs []feed.Record, idx []int, out []UpsertOutcome) error {
	staged, err := recordsStaging.run(ctx, tx, len(idx), func(j int) []any { return recordStageRow(j, recs[idx[j]]) })
	if err != nil {
		return err
	}
	for j, o := range staged {
		o.Index = idx[j]
		out[idx[j]] = o
	}
	return nil
}

func recordStageRow(i int, r feed.Record) []any {
	return []any{i, string(r.Department), r.SourceID, r.SourceVersion, r.AsOf.Time,
		r.Name, nullString(r.IDNumber), r.IDValid, nullString(r.IDProblem), nullString(r.Sex), nullDate(r.BirthDate),
		nullString(r.Phone), nullString(r.Address), r.RegionCode, []byte(r.Attrs), []byte(r.Raw), r.Hash[:], r.IDLegacy}
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
