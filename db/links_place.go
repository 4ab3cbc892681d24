package db

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/matching"
)

// placement is where records about to be inserted go, under the same
// exact-ID rule as LinksRefresh: decided before the insert, so each record
// is written once, with its person.
type placement struct {
	person  []int64  // per record: its person's id
	method  []string // per record: the link method
	joined  []bool   // per record: the person existed before this batch
	persons []placedPerson
}

// placedPerson is a person this batch creates.
type placedPerson struct {
	id   int64
	key  string // the ID number it is keyed on; "" for a singleton
	best int    // the record its summary comes from
	n    int    // its records in this batch
}

// placeFresh places records that are not stored yet: in the person keyed on
// their valid ID number when there is one, else in a new person, whose id
// is drawn now and which personsCreatePlaced creates after the insert.
func placeFresh(ctx context.Context, tx pgx.Tx, recs []feed.Record) (placement, error) {
	lrs := make([]matching.LinkRecord, len(recs))
	for i, r := range recs {
		lrs[i] = matching.LinkRecord{ID: int64(i), IDNumber: r.IDNumber, IDValid: r.IDValid && r.IDNumber != ""}
	}
	keyed, err := personsByKey(ctx, tx, lrs)
	if err != nil {
		return placement{}, err
	}
	plan := matching.PlanExactLinks(lrs, keyed)
	ids, _, err := idsReserve(ctx, tx, "persons", len(plan.NewPersons))
	if err != nil {
		return placement{}, err
	}
	p := placement{person: make([]int64, len(recs)), method: make([]string, len(recs)), joined: make([]bool, len(recs))}
	p.persons = make([]placedPerson, len(plan.NewPersons))
	for k, np := range plan.NewPersons {
		p.persons[k] = placedPerson{id: ids[k], key: np.Key, best: -1}
	}
	for i, a := range plan.Assignments {
		p.person[i], p.method[i], p.joined[i] = resolvePerson(a.PersonID, ids), a.Method, a.PersonID > 0
		if a.PersonID < 0 {
			pp := &p.persons[-a.PersonID-1]
			pp.n++
			if pp.best < 0 || betterSummary(recs[i], recs[pp.best]) {
				pp.best = i
			}
		}
	}
	return p, nil
}

// betterSummary says whether a describes a new person better than b: a
// valid ID number first, then the newer record.
func betterSummary(a, b feed.Record) bool {
	if a.IDValid != b.IDValid {
		return a.IDValid
	}
	return a.AsOf.After(b.AsOf.Time)
}

// personsCreatePlaced inserts the persons placeFresh drew for this batch,
// after its records, in key order so concurrent batches take key locks in
// one order; holding them only until the commit right after keeps batches
// that share ID numbers from queueing behind each other. They go in with a
// binary COPY, which costs the server a fraction of an INSERT … ON
// CONFLICT over unnested arrays (no array decoding, sort or speculative
// insertion). A key a concurrent transaction created first makes that COPY
// fail: it is undone to a savepoint and personsInsertPlaced does the
// batch's persons again, skipping such keys.
func personsCreatePlaced(ctx context.Context, tx pgx.Tx, recs []feed.Record, p placement) error {
	if len(p.persons) == 0 {
		return nil
	}
	order := byKey(p.persons)
	if p.persons[order[len(order)-1]].key == "" {
		// Only singletons (the last in key order has no key): nothing can
		// conflict, and no savepoint is needed.
		return personsCopy(ctx, tx, recs, p.persons, order)
	}
	sp, err := tx.Begin(ctx)
	if err != nil {
		return fmt.Errorf("placed persons: %w", err)
	}
	err = personsCopy(ctx, sp, recs, p.persons, order)
	if err == nil {
		if err := sp.Commit(ctx); err != nil {
			return fmt.Errorf("placed persons: %w", err)
		}
		return nil
	}
	if !uniqueViolation(err, "persons_id_key_key") {
		return err
	}
	if err := sp.Rollback(ctx); err != nil {
		return fmt.Errorf("placed persons: %w", err)
	}
	return personsInsertPlaced(ctx, tx, recs, p)
}

var personsPlacedColumns = []string{"id", "id_key", "name", "sex", "birth_date", "id_number",
	"region_code", "departments", "record_count"}

// personsCopy writes persons (in order) with COPY. COPY writes the id given
// even though persons.id is GENERATED ALWAYS: it always takes the values
// in its input for identity columns, as INSERT does with OVERRIDING SYSTEM
// VALUE.
func personsCopy(ctx context.Context, tx pgx.Tx, recs []feed.Record, persons []placedPerson, order []int) error {
	c := newCopyRows(len(persons) * 200)
	for _, k := range order {
		pp := &persons[k]
		r := &recs[pp.best]
		c.row(len(personsPlacedColumns))
		c.int8(pp.id)
		c.optText(pp.key)
		c.text(r.Name)
		c.optText(r.Sex)
		c.optDate(r.BirthDate)
		c.optText(r.IDNumber)
		c.text(r.RegionCode)
		c.textArray1(string(r.Department))
		c.int4(int32(pp.n))
	}
	if err := copyBinary(ctx, tx, "persons", personsPlacedColumns, c); err != nil {
		return fmt.Errorf("placed persons: %w", err)
	}
	return nil
}

// byKey returns the indexes of persons in key byte order, singletons (no
// key, nothing to lock) first. Keyed persons come in the order of ORDER BY
// key in personsInsertPlaced too, since keys are 18 characters of [0-9X],
// where the database's collation and byte order agree: batches on either
// path take key locks in one order.
func byKey(persons []placedPerson) []int {
	order := make([]int, len(persons))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(persons[a].key, persons[b].key) })
	return order
}

// personsInsertPlaced inserts the persons of p whose key no concurrent
// transaction created first, in key order; for those it skips, this
// batch's records and changes move to that transaction's person.
func personsInsertPlaced(ctx context.Context, tx pgx.Tx, recs []feed.Record, p placement) error {
	n := len(p.persons)
	ids, keys, names, sexes := make([]int64, n), make([]pgtype.Text, n), make([]string, n), make([]pgtype.Text, n)
	births, idNumbers, regions := make([]pgtype.Date, n), make([]pgtype.Text, n), make([]string, n)
	depts, counts := make([]string, n), make([]int32, n)
	for k, pp := range p.persons {
		r := recs[pp.best]
		ids[k], keys[k], names[k], sexes[k] = pp.id, optText(pp.key), r.Name, optText(r.Sex)
		births[k] = pgtype.Date{Time: r.BirthDate.Time, Valid: !r.BirthDate.IsZero()}
		idNumbers[k], regions[k], depts[k], counts[k] = optText(r.IDNumber), r.RegionCode, string(r.Department), int32(pp.n)
	}
	var inserted int
	err := tx.QueryRow(ctx, `
		WITH inserted AS (
			INSERT INTO persons (id, id_key, name, sex, birth_date, id_number, region_code, departments, record_count)
			OVERRIDING SYSTEM VALUE
			SELECT id, key, name, sex, birth, idn, region, ARRAY[dept], n
			FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[], $9::int[])
			     AS u(id, key, name, sex, birth, idn, region, dept, n)
			ORDER BY key
			ON CONFLICT (id_key) DO NOTHING
			RETURNING 1
		)
		SELECT count(*) FROM inserted`,
		ids, keys, names, sexes, births, idNumbers, regions, depts, counts).Scan(&inserted)
	if err != nil {
		return fmt.Errorf("placed persons: %w", err)
	}
	if inserted == n {
		return nil
	}
	// A batch holds one department's records (ingest stores one feed per
	// call; ARRAY[dept] above assumes it too).
	return racedKeysRepoint(ctx, tx, string(recs[0].Department), ids, keys)
}

func optText(s string) pgtype.Text { return pgtype.Text{String: s, Valid: s != ""} }

// racedKeysRepoint moves this batch's records, and the changes it logged
// (in department dept), from the drawn persons (ids, keys) whose key a
// concurrent transaction created first to that transaction's person, and
// refreshes those persons' summaries (they existed before this batch, so
// the follow-up job is not told to).
func racedKeysRepoint(ctx context.Context, tx pgx.Tx, dept string, ids []int64, keys []pgtype.Text) error {
	rows, err := tx.Query(ctx, `
		WITH moved AS (
			SELECT u.id AS lost, p.id AS won
			FROM unnest($1::bigint[], $2::text[]) AS u(id, key) JOIN persons p ON p.id_key = u.key
			WHERE p.id <> u.id
		), records AS (
			UPDATE source_records r SET person_id = m.won FROM moved m WHERE r.person_id = m.lost
		), logged AS (
			UPDATE changes c SET person_id = m.won FROM moved m
			WHERE c.department = $3 AND c.txid = pg_current_xact_id() AND c.person_id = m.lost
		)
		SELECT DISTINCT won FROM moved`, ids, keys, dept)
	if err != nil {
		return fmt.Errorf("persons raced keys: %w", err)
	}
	won, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("persons raced keys: %w", err)
	}
	return personsSummarize(ctx, tx, won)
}
