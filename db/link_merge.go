package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// PersonsMerge merges persons into the first of ids, for someone who found
// they are one human: the others' records move to it (LINK changes, method
// MANUAL) and the others point to it (mergedInto). Persons keyed on two
// different valid ID numbers never merge (ErrIDConflict). A record of the
// survivor with one of each other person is decided SAME_PERSON, and
// earlier decisions between their records turn SAME_PERSON, so batch
// linkage keeps the merge. A scoped caller may merge only persons whose
// records are all in scope (else ErrNotFound).
func (s *Store) PersonsMerge(ctx context.Context, scope Scope, ids []int64, d ManualLink) (Person, error) {
	var out Person
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		out, err = personsMergeTx(ctx, tx, scope, ids, d)
		return err
	})
	if err != nil {
		return out, fmt.Errorf("merge persons %s: %w", idList(ids), err)
	}
	return out, nil
}

func personsMergeTx(ctx context.Context, tx pgx.Tx, scope Scope, ids []int64, d ManualLink) (Person, error) {
	if err := mergeIDsCheck(ids); err != nil {
		return Person{}, err
	}
	if err := linkShared(ctx, tx); err != nil {
		return Person{}, err
	}
	locked, err := personsLock(ctx, tx, scope, ids)
	if err != nil {
		return Person{}, err
	}
	records, err := personRecordsLock(ctx, tx, ids)
	if err != nil {
		return Person{}, err
	}
	if err := personsMerge(ctx, tx, locked[0], locked[1:]); err != nil {
		return Person{}, err
	}
	if err := reviewsDecide(ctx, tx, mergePairs(ids, records), ReviewSame, d); err != nil {
		return Person{}, err
	}
	if err := reviewsJoinWithin(ctx, tx, recordIDsOf(records), d); err != nil {
		return Person{}, err
	}
	if err := StatsMarkPersons(ctx, tx, ids); err != nil {
		return Person{}, err
	}
	survivor, err := personRead(ctx, tx, ids[0])
	if err != nil {
		return Person{}, err
	}
	audit := []AuditEntry{d.auditOf(ids[0], "merge: persons %s merged into this person", idList(ids[1:]))}
	for _, id := range ids[1:] {
		audit = append(audit, d.auditOf(id, "merge: merged into person %d", ids[0]))
	}
	return survivor, AuditAppend(ctx, tx, audit)
}

// mergeIDsCheck refuses fewer than two persons or one given twice.
func mergeIDsCheck(ids []int64) error {
	if len(ids) < 2 {
		return fmt.Errorf("%d persons given: a merge needs two or more", len(ids))
	}
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return fmt.Errorf("person %d given twice", id)
		}
		seen[id] = true
	}
	return nil
}

// mergePairs pairs the first record of the first person holding any with
// the first record of every later person: enough for batch linkage to keep
// them in one person.
func mergePairs(ids []int64, records []personRecord) [][2]int64 {
	first := map[int64]int64{} // person → its lowest record id
	for _, r := range records {
		if _, ok := first[r.person]; !ok {
			first[r.person] = r.id
		}
	}
	var anchor int64
	var pairs [][2]int64
	for _, id := range ids {
		rec, ok := first[id]
		switch {
		case !ok:
		case anchor == 0:
			anchor = rec
		default:
			pairs = append(pairs, [2]int64{anchor, rec})
		}
	}
	return pairs
}

// personsMergeRecords moves every record of record b's person into record
// a's person (a link review decided SAME_PERSON).
func personsMergeRecords(ctx context.Context, tx pgx.Tx, a, b int64) error {
	var pa, pb int64
	err := tx.QueryRow(ctx, `
		SELECT coalesce(ra.person_id, 0), coalesce(rb.person_id, 0) FROM source_records ra, source_records rb
		WHERE ra.id = $1 AND rb.id = $2`, a, b).Scan(&pa, &pb)
	if err == nil && (pa == 0 || pb == 0) {
		err = ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("merge persons: %w", translate(err))
	}
	if pa == pb {
		return nil
	}
	locked, err := personsLock(ctx, tx, Scope{}, []int64{pa, pb})
	if err != nil {
		return fmt.Errorf("merge persons: %w", err)
	}
	return personsMerge(ctx, tx, locked[0], locked[1:2])
}

// personsMerge moves the records of others into survivor (all locked and
// unmerged), retires the others and gives the survivor their ID key if it
// has none. Two persons keyed on different valid ID numbers never merge.
func personsMerge(ctx context.Context, tx pgx.Tx, survivor lockedPerson, others []lockedPerson) error {
	key, err := mergedKey(append([]lockedPerson{survivor}, others...))
	if err != nil {
		return err
	}
	from := make([]int64, len(others))
	moves := make([]personMove, len(others))
	for i, o := range others {
		from[i], moves[i] = o.id, personMove{from: o.id, to: survivor.id}
	}
	if err := recordsMove(ctx, tx, "person_id", from, survivor.id); err != nil {
		return err
	}
	// Retiring frees the others' keys before the survivor takes one.
	if _, err := personsRetireEmpty(ctx, tx, moves); err != nil {
		return err
	}
	if survivor.key == nil && key != nil {
		if _, err := tx.Exec(ctx, `UPDATE persons SET id_key = $2 WHERE id = $1`, survivor.id, *key); err != nil {
			return fmt.Errorf("merge persons: %w", translate(err))
		}
	}
	return personsSummarize(ctx, tx, []int64{survivor.id})
}

// mergedKey is the ID key of persons becoming one: the one valid ID number
// they are keyed on, if any.
func mergedKey(persons []lockedPerson) (*string, error) {
	var key *string
	var holder int64
	for _, p := range persons {
		if p.key == nil {
			continue
		}
		if key != nil && *key != *p.key {
			return nil, fmt.Errorf("%w (persons %d and %d)", ErrIDConflict, holder, p.id)
		}
		key, holder = p.key, p.id
	}
	return key, nil
}
