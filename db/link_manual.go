package db

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Manual linkage: a person (an analyst) splits a person or merges persons
// by hand, with a reason. Each is one transaction: the records move (LINK
// changes, method MANUAL), the decision is kept in link_reviews so that
// batch linkage (vethub link --all) never undoes it, and the audit entries
// commit with it.

// ManualLink is who decides a manual split or merge, and why.
type ManualLink struct {
	By     string // resolved_by of the decisions kept
	Reason string
	// Audit is appended once per person touched, with PersonID and Detail
	// filled in.
	Audit AuditEntry
}

func (d ManualLink) auditOf(personID int64, format string, args ...any) AuditEntry {
	e := d.Audit
	e.PersonID, e.Detail = personID, fmt.Sprintf(format, args...)
	return e
}

// ErrPersonMerged means a person given was merged into another before.
var ErrPersonMerged = errors.New("merged into another person")

// ErrIDConflict means persons keyed on two different valid ID numbers were
// to become one.
var ErrIDConflict = fmt.Errorf("%w: the persons hold two different valid ID numbers", ErrConflict)

// PersonRefError names a person given to a manual link that it cannot use:
// missing or out of scope (Err is ErrNotFound), or merged into Into (Err is
// ErrPersonMerged).
type PersonRefError struct {
	ID, Into int64
	Err      error
}

func (e *PersonRefError) Error() string {
	if e.Into != 0 {
		return fmt.Sprintf("person %d: %v (person %d)", e.ID, e.Err, e.Into)
	}
	return fmt.Sprintf("person %d: %v", e.ID, e.Err)
}

func (e *PersonRefError) Unwrap() error { return e.Err }

// SplitError says why the records given cannot be split off their person.
type SplitError struct{ Reason string }

func (e *SplitError) Error() string { return e.Reason }

// lockedPerson is a person locked for a manual link.
type lockedPerson struct {
	id   int64
	key  *string
	into *int64 // merged_into
}

// personsLock locks the persons of ids in id order (one lock order for all
// merges and splits) and returns them in the order of ids. It fails naming
// the first that is missing, out of scope or merged into another.
func personsLock(ctx context.Context, tx pgx.Tx, scope Scope, ids []int64) ([]lockedPerson, error) {
	w := &where{}
	w.add("p.id = ANY(" + w.arg(ids) + ")")
	manualScope(w, scope)
	rows, _ := tx.Query(ctx, "SELECT p.id, p.id_key, p.merged_into FROM persons p "+w.sql()+" ORDER BY p.id FOR UPDATE OF p", w.args...)
	found, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (lockedPerson, error) {
		var p lockedPerson
		err := row.Scan(&p.id, &p.key, &p.into)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("lock persons: %w", err)
	}
	byID := make(map[int64]lockedPerson, len(found))
	for _, p := range found {
		byID[p.id] = p
	}
	out := make([]lockedPerson, len(ids))
	for i, id := range ids {
		p, ok := byID[id]
		switch {
		case !ok:
			return nil, &PersonRefError{ID: id, Err: ErrNotFound}
		case p.into != nil:
			return nil, &PersonRefError{ID: id, Into: *p.into, Err: ErrPersonMerged}
		}
		out[i] = p
	}
	return out, nil
}

// manualScope keeps the persons (alias p) a scope may split or merge: in
// scope, and none of their records outside it. Seeing part of a person is
// not enough to move its other records.
func manualScope(w *where, scope Scope) {
	personScope(w, scope)
	rw := &where{args: w.args}
	recordScope(rw, scope) // unqualified columns: the subquery's record r
	w.args = rw.args
	if len(rw.conds) > 0 {
		w.add("NOT EXISTS (SELECT 1 FROM source_records r WHERE r.person_id = p.id AND NOT (" +
			strings.Join(rw.conds, " AND ") + "))")
	}
}

// personRecord is a record of a person locked for a manual link.
type personRecord struct {
	id, person int64
	validID    string // the ID number if valid, else ""
}

// personRecordsLock locks the records of persons, in id order.
func personRecordsLock(ctx context.Context, tx pgx.Tx, persons []int64) ([]personRecord, error) {
	rows, _ := tx.Query(ctx, `
		SELECT id, person_id, CASE WHEN id_valid THEN coalesce(id_number, '') ELSE '' END
		FROM source_records WHERE person_id = ANY($1) ORDER BY id FOR UPDATE`, persons)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (personRecord, error) {
		var r personRecord
		err := row.Scan(&r.id, &r.person, &r.validID)
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("lock records: %w", err)
	}
	return out, nil
}

func recordIDsOf(records []personRecord) []int64 {
	out := make([]int64, len(records))
	for i, r := range records {
		out[i] = r.id
	}
	return out
}

// recordsMove points the records whose column (id or person_id) is one of
// ids at person to, as a person's decision (method MANUAL), and logs a
// LINK change for each.
func recordsMove(ctx context.Context, tx pgx.Tx, column string, ids []int64, to int64) error {
	if column != "id" && column != "person_id" {
		return fmt.Errorf("move records by %q", column)
	}
	_, err := tx.Exec(ctx, `
		WITH moved AS (
			UPDATE source_records SET person_id = $2, link_method = 'MANUAL', linked_at = now(),
				linked_version = source_version
			WHERE `+column+` = ANY($1) RETURNING id, department, source_id
		)
		INSERT INTO changes (kind, op, department, source_id, record_id, person_id)
		SELECT 'LINK', 'UPDATED', department, source_id, id, $2 FROM moved`, ids, to)
	if err != nil {
		return fmt.Errorf("move records: %w", err)
	}
	return nil
}

// manualEvidence is the evidence of a pair decided without the linker
// having proposed it: no compared fields.
const manualEvidence = `{"fields":[]}`

// reviewsDecide keeps a decision on pairs of records: a pair the linker
// proposed or someone decided before takes it (keeping its probability
// and evidence), a new one is stored decided with probability 0.
func reviewsDecide(ctx context.Context, tx pgx.Tx, pairs [][2]int64, status string, d ManualLink) error {
	if len(pairs) == 0 {
		return nil
	}
	a, b := make([]int64, len(pairs)), make([]int64, len(pairs))
	for i, p := range pairs {
		a[i], b[i] = min(p[0], p[1]), max(p[0], p[1])
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO link_reviews (record_a, record_b, probability, evidence, status, resolved_at, resolved_by, reason)
		SELECT a, b, 0, $3, $4, now(), $5, $6 FROM unnest($1::bigint[], $2::bigint[]) AS u(a, b)
		ON CONFLICT (record_a, record_b) DO UPDATE
		SET status = EXCLUDED.status, resolved_at = now(), resolved_by = EXCLUDED.resolved_by, reason = EXCLUDED.reason`,
		a, b, manualEvidence, status, d.By, d.Reason)
	if err != nil {
		return fmt.Errorf("keep decisions: %w", err)
	}
	return nil
}

// reviewsJoinWithin decides SAME_PERSON every open or apart pair among
// records just put in one person by hand: an older decision keeping two
// of them apart would otherwise split them again at the next linkage.
func reviewsJoinWithin(ctx context.Context, tx pgx.Tx, records []int64, d ManualLink) error {
	_, err := tx.Exec(ctx, `
		UPDATE link_reviews SET status = 'SAME_PERSON', resolved_at = now(), resolved_by = $2, reason = $3
		WHERE record_a = ANY($1) AND record_b = ANY($1) AND status <> 'SAME_PERSON'`, records, d.By, d.Reason)
	if err != nil {
		return fmt.Errorf("keep decisions: %w", err)
	}
	return nil
}

// personRead reads a person as stored, inside tx.
func personRead(ctx context.Context, tx pgx.Tx, id int64) (Person, error) {
	rows, _ := tx.Query(ctx, "SELECT "+personColumns+" FROM persons WHERE id = $1", id)
	p, err := pgx.CollectExactlyOneRow(rows, scanPerson)
	if err != nil {
		return p, fmt.Errorf("read person %d: %w", id, translate(err))
	}
	return p, nil
}

// idList renders ids as "3, 5, 8" for messages.
func idList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ", ")
}
