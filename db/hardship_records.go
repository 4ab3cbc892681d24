package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

// PersonRecords is a person with every record the hub holds about them,
// as the hardship rules read them.
type PersonRecords struct {
	PersonID int64
	Records  []feed.Record
}

// RecordsOfPersons reads the records of the persons, grouped by person in
// id order; a person without records comes back with none. Only what the
// rules read is filled in: department, source id and version, as-of date,
// name, ID number, birth date, region and the department's attributes.
func RecordsOfPersons(ctx context.Context, q DBTX, personIDs []int64) ([]PersonRecords, error) {
	rows, _ := q.Query(ctx, `SELECT p.id, r.department, r.source_id, r.source_version, r.as_of, r.name,
			coalesce(r.id_number, ''), r.id_valid, r.birth_date, r.region_code, r.attrs
		FROM unnest($1::bigint[]) AS p(id)
		LEFT JOIN LATERAL (SELECT * FROM source_records WHERE person_id = p.id OFFSET 0) r ON true
		ORDER BY p.id, r.id`, personIDs)
	defer rows.Close()
	var out []PersonRecords
	for rows.Next() {
		var id int64
		var dept, source, name, idNumber, region *string
		var version *int64
		var asOf, birth *time.Time
		var valid *bool
		var attrs []byte
		if err := rows.Scan(&id, &dept, &source, &version, &asOf, &name, &idNumber, &valid, &birth, &region, &attrs); err != nil {
			return nil, fmt.Errorf("records of persons: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].PersonID != id {
			out = append(out, PersonRecords{PersonID: id})
		}
		if dept == nil { // no records
			continue
		}
		r := feed.Record{Department: feed.Department(*dept), SourceID: *source, SourceVersion: *version,
			AsOf: feed.Date{Time: *asOf}, Name: *name, IDNumber: *idNumber, IDValid: *valid,
			RegionCode: *region, Attrs: attrs}
		if birth != nil {
			r.BirthDate = feed.Date{Time: *birth}
		}
		last := &out[len(out)-1]
		last.Records = append(last.Records, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("records of persons: %w", err)
	}
	return out, nil
}

// PersonIDsAfter returns up to limit ids of current persons (not merged
// into another) above after, ascending: the pages of a full re-evaluation.
func (s *Store) PersonIDsAfter(ctx context.Context, after int64, limit int) ([]int64, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT id FROM persons WHERE id > $1 AND merged_into IS NULL ORDER BY id LIMIT $2`,
		after, limit)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("person ids: %w", err)
	}
	return ids, nil
}

// PersonsOfRecords returns the distinct persons holding the records.
func PersonsOfRecords(ctx context.Context, q DBTX, recordIDs []int64) ([]int64, error) {
	rows, _ := q.Query(ctx, `SELECT DISTINCT person_id FROM source_records
		WHERE id = ANY($1) AND person_id IS NOT NULL ORDER BY person_id`, recordIDs)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("persons of records: %w", err)
	}
	return ids, nil
}
