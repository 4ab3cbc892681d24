package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Person is a row of persons: one human as a cluster of linked records.
// The identity columns summarise the person's records.
type Person struct {
	ID          int64
	Name        string
	Sex         *string // M or F
	BirthDate   *time.Time
	IDNumber    *string
	RegionCode  string
	Departments []string
	RecordCount int
	MergedInto  *int64 // set when merged: the person it was merged into
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// personColumns is every column of Person, in the order scanPerson reads
// them.
const personColumns = `id, name, sex, birth_date, id_number, region_code, departments,
	record_count, merged_into, created_at, updated_at`

// PersonListMax is the largest page PersonList returns.
const PersonListMax = 100

// mergeHops bounds how many merges PersonGet follows, so a cycle written by
// mistake ends in ErrNotFound instead of a runaway query.
const mergeHops = 16

// PersonFilter narrows PersonList. Zero fields do not filter.
type PersonFilter struct {
	RegionPrefix string   // region-code prefix, e.g. "330824"
	NamePrefix   string   // leading characters of the name, exactly
	Departments  []string // only persons with records of all of these
}

// PersonGet returns the person with id, following merges to the surviving
// person. It fails with ErrNotFound when there is no such person, it is out
// of scope, or the merge chain does not end within a few hops.
func (s *Store) PersonGet(ctx context.Context, scope Scope, id int64) (Person, error) {
	w := personGetWhere(scope, id)
	rows, _ := s.Pool.Query(ctx, "SELECT "+personColumns+" FROM persons "+w.sql(), w.args...)
	p, err := pgx.CollectExactlyOneRow(rows, scanPerson)
	if err != nil {
		return Person{}, fmt.Errorf("person get: %w", translate(err))
	}
	return p, nil
}

// personGetWhere selects the surviving person of id, in scope.
func personGetWhere(scope Scope, id int64) *where {
	w := &where{}
	w.add(`id = (WITH RECURSIVE chain AS (
			SELECT id, merged_into, 0 AS hops FROM persons WHERE id = ` + w.arg(id) + `
			UNION ALL
			SELECT p.id, p.merged_into, c.hops + 1 FROM persons p
			JOIN chain c ON p.id = c.merged_into WHERE c.hops < ` + w.arg(mergeHops) + `
		) SELECT id FROM chain WHERE merged_into IS NULL)`)
	personScope(w, scope)
	return w
}

// PersonList returns up to first unmerged persons in id order after the id
// after (0: from the start), and whether more follow. first must be 1 to
// PersonListMax.
func (s *Store) PersonList(ctx context.Context, scope Scope, f PersonFilter, first int, after int64) ([]Person, bool, error) {
	if first < 1 || first > PersonListMax {
		return nil, false, fmt.Errorf("person list: first %d not in 1..%d", first, PersonListMax)
	}
	w := &where{}
	w.add("merged_into IS NULL")
	w.add("id > " + w.arg(after))
	personFilter(w, f)
	personScope(w, scope)
	// One row more than asked says whether there is a next page.
	sql := "SELECT " + personColumns + " FROM persons " + w.sql() + " ORDER BY id LIMIT " + w.arg(first+1)
	rows, _ := s.Pool.Query(ctx, sql, w.args...)
	persons, err := collectInPlace(rows, scanPersonTo)
	if err != nil {
		return nil, false, fmt.Errorf("person list: %w", translate(err))
	}
	if len(persons) > first {
		return persons[:first], true, nil
	}
	return persons, false, nil
}

// PersonsByIDs returns the in-scope persons with the given ids as stored
// (merged ones included), in no particular order; missing ids are left out.
func (s *Store) PersonsByIDs(ctx context.Context, scope Scope, ids []int64) ([]Person, error) {
	w := &where{}
	w.add("id = ANY(" + w.arg(ids) + ")")
	personScope(w, scope)
	rows, _ := s.Pool.Query(ctx, "SELECT "+personColumns+" FROM persons "+w.sql(), w.args...)
	persons, err := collectInPlace(rows, scanPersonTo)
	if err != nil {
		return nil, fmt.Errorf("persons by ids: %w", translate(err))
	}
	return persons, nil
}

// scanPerson reads a row of personColumns; see scanPersonTo.
func scanPerson(row pgx.CollectableRow) (Person, error) {
	var p Person
	err := scanPersonTo(row, &p)
	return p, err
}

// scanPersonTo reads a row of personColumns into p.
func scanPersonTo(row pgx.CollectableRow, p *Person) error {
	return row.Scan(personDest(p)...)
}

// personDest returns where each of personColumns goes in p: by position is
// cheaper than by name, which reflects on every row.
func personDest(p *Person) []any {
	return []any{&p.ID, &p.Name, &p.Sex, &p.BirthDate, &p.IDNumber, &p.RegionCode,
		&p.Departments, &p.RecordCount, &p.MergedInto, &p.CreatedAt, &p.UpdatedAt}
}

func personFilter(w *where, f PersonFilter) {
	if f.RegionPrefix != "" {
		w.prefixRange("region_code", f.RegionPrefix)
	}
	if f.NamePrefix != "" {
		w.prefixRange("name", f.NamePrefix)
	}
	if len(f.Departments) > 0 {
		w.add("departments @> " + w.arg(f.Departments) + "::text[]")
	}
}

// personScope keeps persons in the scope's regions and, for a department
// scope, those holding at least one of its records.
func personScope(w *where, scope Scope) {
	scope.individuals(w)
	scope.regionIn(w, "region_code")
	if scope.Department != "" {
		w.add("departments @> ARRAY[" + w.arg(scope.Department) + "::text]")
	}
}
