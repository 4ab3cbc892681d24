package db

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SourceRecord is a row of source_records: one department's record of a
// person, with the identity columns typed and the department-specific keys
// in Attrs (feed keys, values validated and normalised).
type SourceRecord struct {
	ID            int64
	Department    string // VETERAN, CIVIL or HEALTH
	SourceID      string
	SourceVersion int64
	AsOf          time.Time
	Name          string
	IDNumber      *string
	IDValid       bool
	IDProblem     *string
	Sex           *string // M or F
	BirthDate     *time.Time
	Phone         *string
	Address       *string
	RegionCode    string
	Attrs         json.RawMessage
	// Raw is the input exactly as received. Reads leave it empty: no API
	// shows it, and it is the largest column.
	Raw        json.RawMessage
	PersonID   *int64
	LinkMethod *string
	LinkedAt   *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// recordColumns is every column a read needs (not raw or content_hash), in
// the order scanRecord reads them.
const recordColumns = `id, department, source_id, source_version, as_of, name, id_number,
	id_valid, id_problem, sex, birth_date, phone, address, region_code, attrs, person_id,
	link_method, linked_at, created_at, updated_at`

// recordLatestFirst orders a person's records by department, then newest
// first: the latest of a department is the first of its run.
const recordLatestFirst = "department, as_of DESC, source_version DESC, id DESC"

// RecordGetBySource returns a department's record by the department's own
// key. It fails with ErrNotFound when there is none in scope.
func (s *Store) RecordGetBySource(ctx context.Context, scope Scope, department, sourceID string) (SourceRecord, error) {
	w := &where{}
	w.add("department = " + w.arg(department))
	w.add("source_id = " + w.arg(sourceID))
	recordScope(w, scope)
	rows, _ := s.Pool.Query(ctx, "SELECT "+recordColumns+" FROM source_records "+w.sql(), w.args...)
	r, err := pgx.CollectExactlyOneRow(rows, scanRecord)
	if err != nil {
		return SourceRecord{}, fmt.Errorf("record get by source: %w", translate(err))
	}
	return r, nil
}

// RecordsByIDs returns the in-scope records with the given ids, in no
// particular order; missing ids are left out.
func (s *Store) RecordsByIDs(ctx context.Context, scope Scope, ids []int64) ([]SourceRecord, error) {
	w := &where{}
	w.add("id = ANY(" + w.arg(ids) + ")")
	recordScope(w, scope)
	return s.recordList(ctx, "records by ids", "SELECT "+recordColumns+" FROM source_records "+w.sql(), w.args)
}

// RecordsByPersonIDs returns the in-scope records linked to the given
// persons, ordered by person, department, then latest first (as of, source
// version, id).
func (s *Store) RecordsByPersonIDs(ctx context.Context, scope Scope, personIDs []int64) ([]SourceRecord, error) {
	w := &where{}
	w.add("person_id = ANY(" + w.arg(personIDs) + ")")
	recordScope(w, scope)
	sql := "SELECT " + recordColumns + " FROM source_records " + w.sql() + " ORDER BY person_id, " + recordLatestFirst
	return s.recordList(ctx, "records by person ids", sql, w.args)
}

func (s *Store) recordList(ctx context.Context, what, sql string, args []any) ([]SourceRecord, error) {
	rows, _ := s.Pool.Query(ctx, sql, args...)
	records, err := collectInPlace(rows, scanRecordTo)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, translate(err))
	}
	return records, nil
}

// scanRecord reads a row of recordColumns; see scanRecordTo.
func scanRecord(row pgx.CollectableRow) (SourceRecord, error) {
	var r SourceRecord
	err := scanRecordTo(row, &r)
	return r, err
}

// scanRecordTo reads a row of recordColumns into r.
func scanRecordTo(row pgx.CollectableRow, r *SourceRecord) error {
	return row.Scan(recordDest(r)...)
}

// recordDest returns where each of recordColumns goes in r. Scanning by
// position instead of by name (reflection) halves the cost of a row, and
// Attrs is read as the bytes PostgreSQL sent: pgx would run a
// json.RawMessage through json.Unmarshal, validating JSON the database has
// validated already.
func recordDest(r *SourceRecord) []any {
	return []any{&r.ID, &r.Department, &r.SourceID, &r.SourceVersion, &r.AsOf, &r.Name,
		&r.IDNumber, &r.IDValid, &r.IDProblem, &r.Sex, &r.BirthDate, &r.Phone, &r.Address,
		&r.RegionCode, (*[]byte)(&r.Attrs), &r.PersonID, &r.LinkMethod, &r.LinkedAt,
		&r.CreatedAt, &r.UpdatedAt}
}

func recordScope(w *where, scope Scope) {
	scope.individuals(w)
	scope.regionIn(w, "region_code")
	scope.departmentIs(w, "department")
}
