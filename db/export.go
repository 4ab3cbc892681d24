package db

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

// CrosswalkRow maps one department record to its hub person.
type CrosswalkRow struct {
	Department string  `json:"department"`
	SourceID   string  `json:"sourceId"`
	PersonID   *string `json:"personId"` // null until linkage has run
}

// CrosswalkEach streams the crosswalk of every record (of one department
// when department is not ""), in department and sourceId order.
func (s *Store) CrosswalkEach(ctx context.Context, department string, fn func(CrosswalkRow) error) error {
	rows, err := s.Pool.Query(ctx, `
		SELECT department, source_id, person_id FROM source_records
		WHERE $1 = '' OR department = $1 ORDER BY department, source_id`, department)
	if err != nil {
		return fmt.Errorf("crosswalk: %w", err)
	}
	var row CrosswalkRow
	var pid *int64
	_, err = pgx.ForEachRow(rows, []any{&row.Department, &row.SourceID, &pid}, func() error {
		row.PersonID = nil
		if pid != nil {
			s := strconv.FormatInt(*pid, 10)
			row.PersonID = &s
		}
		return fn(row)
	})
	if err != nil {
		return fmt.Errorf("crosswalk: %w", err)
	}
	return nil
}

// RecordsExportEach streams a department's records in the feed format, in
// sourceId order.
func (s *Store) RecordsExportEach(ctx context.Context, dept feed.Department, fn func([]byte) error) error {
	rows, err := s.Pool.Query(ctx, `
		SELECT source_id, source_version, as_of, name, coalesce(id_number, ''), coalesce(sex, ''), birth_date,
		       coalesce(phone, ''), coalesce(address, ''), region_code, attrs
		FROM source_records WHERE department = $1 ORDER BY source_id`, string(dept))
	if err != nil {
		return fmt.Errorf("records export: %w", err)
	}
	r := feed.Record{Department: dept}
	var asOf, birth *time.Time
	_, err = pgx.ForEachRow(rows, []any{&r.SourceID, &r.SourceVersion, &asOf, &r.Name, &r.IDNumber, &r.Sex, &birth,
		&r.Phone, &r.Address, &r.RegionCode, &r.Attrs}, func() error {
		r.AsOf, r.BirthDate = derefDate(asOf), derefDate(birth)
		return fn(r.FeedJSON())
	})
	if err != nil {
		return fmt.Errorf("records export: %w", err)
	}
	return nil
}

// PostingsExportEach streams job postings in the feed format, as they were
// received (a posting is stored whole, so its input is its feed line).
func (s *Store) PostingsExportEach(ctx context.Context, fn func([]byte) error) error {
	rows, err := s.Pool.Query(ctx, `SELECT raw::text FROM job_postings ORDER BY source_id`)
	if err != nil {
		return fmt.Errorf("postings export: %w", err)
	}
	var raw []byte
	_, err = pgx.ForEachRow(rows, []any{&raw}, func() error { return fn(raw) })
	if err != nil {
		return fmt.Errorf("postings export: %w", err)
	}
	return nil
}

func derefDate(t *time.Time) feed.Date {
	if t == nil {
		return feed.Date{}
	}
	return feed.Date{Time: *t}
}
