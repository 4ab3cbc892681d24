package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// PersonSplit moves records of a person into one new person, for someone
// who found they are another human's. The person keeps its id, and its ID
// key unless only moved records hold that number (then the key moves).
// Each moved record with each kept one is decided DIFFERENT_PERSONS and the
// moved records SAME_PERSON, so batch linkage keeps the split. recordIDs
// must be records of the person, not all of them; a scoped caller may split
// only a person whose records are all in scope (else ErrNotFound).
func (s *Store) PersonSplit(ctx context.Context, scope Scope, personID int64, recordIDs []int64, d ManualLink) (kept, split Person, err error) {
	err = s.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		kept, split, err = personSplitTx(ctx, tx, scope, personID, recordIDs, d)
		return err
	})
	if err != nil {
		return kept, split, fmt.Errorf("split person %d: %w", personID, err)
	}
	return kept, split, nil
}

func personSplitTx(ctx context.Context, tx pgx.Tx, scope Scope, personID int64, recordIDs []int64, d ManualLink) (Person, Person, error) {
	if err := linkShared(ctx, tx); err != nil {
		return Person{}, Person{}, err
	}
	locked, err := personsLock(ctx, tx, scope, []int64{personID})
	if err != nil {
		return Person{}, Person{}, err
	}
	records, err := personRecordsLock(ctx, tx, []int64{personID})
	if err != nil {
		return Person{}, Person{}, err
	}
	moved, stay, err := splitRecords(personID, records, recordIDs)
	if err != nil {
		return Person{}, Person{}, err
	}
	newID, err := splitPersonCreate(ctx, tx, locked[0], moved, stay)
	if err != nil {
		return Person{}, Person{}, err
	}
	if err := recordsMove(ctx, tx, "id", recordIDsOf(moved), newID); err != nil {
		return Person{}, Person{}, err
	}
	if err := splitDecide(ctx, tx, moved, stay, d); err != nil {
		return Person{}, Person{}, err
	}
	if err := evidenceDropAcross(ctx, tx, []int64{personID, newID}); err != nil {
		return Person{}, Person{}, err
	}
	if err := personsSummarize(ctx, tx, []int64{personID, newID}); err != nil {
		return Person{}, Person{}, err
	}
	if err := StatsMarkPersons(ctx, tx, []int64{personID, newID}); err != nil {
		return Person{}, Person{}, err
	}
	return splitFinish(ctx, tx, personID, newID, recordIDsOf(moved), d)
}

// splitRecords divides a person's records into those to move and those to
// keep, checking that every record given is the person's and some stay.
func splitRecords(personID int64, records []personRecord, recordIDs []int64) (moved, stay []personRecord, err error) {
	want := make(map[int64]bool, len(recordIDs))
	for _, id := range recordIDs {
		want[id] = true
	}
	for _, r := range records {
		if want[r.id] {
			moved = append(moved, r)
			delete(want, r.id)
		} else {
			stay = append(stay, r)
		}
	}
	for _, id := range recordIDs {
		if want[id] {
			return nil, nil, &SplitError{fmt.Sprintf("record %d is not a record of person %d", id, personID)}
		}
	}
	if len(moved) == 0 {
		return nil, nil, &SplitError{"no record given to move"}
	}
	if len(stay) == 0 {
		return nil, nil, &SplitError{fmt.Sprintf("every record of person %d given: at least one must stay", personID)}
	}
	return moved, stay, nil
}

// splitPersonCreate creates the person the moved records go to. The ID key
// goes with them only when no kept record holds that number; it is freed
// first, so it is never held twice.
func splitPersonCreate(ctx context.Context, tx pgx.Tx, p lockedPerson, moved, stay []personRecord) (int64, error) {
	var key *string
	if p.key != nil && holdsID(moved, *p.key) && !holdsID(stay, *p.key) {
		if _, err := tx.Exec(ctx, `UPDATE persons SET id_key = NULL, updated_at = now() WHERE id = $1`, p.id); err != nil {
			return 0, fmt.Errorf("free key: %w", err)
		}
		key = p.key
	}
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO persons (id_key) VALUES ($1) RETURNING id`, key).Scan(&id); err != nil {
		return 0, fmt.Errorf("new person: %w", translate(err))
	}
	return id, nil
}

func holdsID(records []personRecord, idNumber string) bool {
	for _, r := range records {
		if r.validID == idNumber {
			return true
		}
	}
	return false
}

// splitDecide keeps the split for batch linkage: each moved record apart
// from each kept one, the moved ones together.
func splitDecide(ctx context.Context, tx pgx.Tx, moved, stay []personRecord, d ManualLink) error {
	var apart, together [][2]int64
	for _, m := range moved {
		for _, k := range stay {
			apart = append(apart, [2]int64{m.id, k.id})
		}
	}
	for _, m := range moved[1:] {
		together = append(together, [2]int64{moved[0].id, m.id})
	}
	if err := reviewsDecide(ctx, tx, apart, ReviewDifferent, d); err != nil {
		return err
	}
	if err := reviewsDecide(ctx, tx, together, ReviewSame, d); err != nil {
		return err
	}
	return reviewsJoinWithin(ctx, tx, recordIDsOf(moved), d)
}

// splitFinish reads both persons back and audits the split on each.
func splitFinish(ctx context.Context, tx pgx.Tx, personID, newID int64, moved []int64, d ManualLink) (Person, Person, error) {
	kept, err := personRead(ctx, tx, personID)
	if err != nil {
		return Person{}, Person{}, err
	}
	split, err := personRead(ctx, tx, newID)
	if err != nil {
		return Person{}, Person{}, err
	}
	list := idList(moved)
	err = AuditAppend(ctx, tx, []AuditEntry{
		d.auditOf(personID, "split: records %s moved to new person %d", list, newID),
		d.auditOf(newID, "split: records %s moved from person %d", list, personID),
	})
	return kept, split, err
}

// evidenceDropAcross deletes the linker's evidence of records of the
// persons whose best match is now in another person: after a split it
// would explain a link that no longer exists.
func evidenceDropAcross(ctx context.Context, tx pgx.Tx, personIDs []int64) error {
	_, err := tx.Exec(ctx, `
		DELETE FROM link_evidence e USING source_records r, source_records w
		WHERE r.person_id = ANY($1) AND e.record_id = r.id
		  AND w.id = (e.evidence->>'with')::bigint AND w.person_id IS DISTINCT FROM r.person_id`, personIDs)
	if err != nil {
		return fmt.Errorf("split evidence: %w", err)
	}
	return nil
}
