package db

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// PersonGetWithRecords is PersonGet together with what RecordsByPersonIDs
// returns for the surviving person, in one statement: asking for a person
// with their records is the hub's most frequent read, and a round trip (or
// a second statement) costs more CPU on both sides than the join. Each row
// carries the person and one record; a person without records in scope
// comes as one row with the record's columns NULL.
func (s *Store) PersonGetWithRecords(ctx context.Context, scope Scope, id int64) (Person, []SourceRecord, error) {
	pw := personGetWhere(scope, id)
	rw := &where{args: slices.Clone(pw.args)} // the records' placeholders follow the person's
	rw.add("person_id = person.id")
	recordScope(rw, scope)
	sql := "WITH person AS (SELECT " + personColumns + " FROM persons " + pw.sql() + `)
		SELECT person.*, rec.* FROM person LEFT JOIN LATERAL (
			SELECT ` + recordColumns + " FROM source_records " + rw.sql() + `
		) rec ON true ORDER BY ` + recLatestFirst
	rows, _ := s.Pool.Query(ctx, sql, rw.args...)
	p, records, err := scanPersonWithRecords(rows)
	if err != nil {
		return Person{}, nil, fmt.Errorf("person get with records: %w", translate(err))
	}
	return p, records, nil
}

// recLatestFirst is recordLatestFirst on the records joined as rec.
const recLatestFirst = "rec.department, rec.as_of DESC, rec.source_version DESC, rec.id DESC"

// personColumnCount is how many columns of a PersonGetWithRecords row are
// the person's.
var personColumnCount = len(personDest(&Person{}))

// scanPersonWithRecords reads the rows of PersonGetWithRecords: the person
// from the first (later rows repeat it and are skipped), a record from each
// row whose record id is not NULL. No row means no person.
func scanPersonWithRecords(rows pgx.Rows) (Person, []SourceRecord, error) {
	defer rows.Close()
	var p Person
	records := []SourceRecord{}
	n := 0
	for ; rows.Next(); n++ {
		dest := make([]any, personColumnCount, personColumnCount+len(recordDest(&SourceRecord{})))
		if n == 0 {
			copy(dest, personDest(&p))
		}
		if rows.RawValues()[personColumnCount] == nil { // no record: NULLs, skipped
			dest = dest[:cap(dest)]
		} else {
			records = append(records, SourceRecord{})
			dest = append(dest, recordDest(&records[len(records)-1])...)
		}
		if err := scanKept(rows, "vethub.personWithRecords", dest); err != nil {
			return Person{}, nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return Person{}, nil, err
	}
	if n == 0 {
		return Person{}, nil, pgx.ErrNoRows
	}
	return p, records, nil
}
