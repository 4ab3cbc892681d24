package db

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Review statuses and decisions.
const (
	ReviewOpen      = "OPEN"
	ReviewSame      = "SAME_PERSON"
	ReviewDifferent = "DIFFERENT_PERSONS"
)

// LinkReview is a pair the linker left for a person to decide.
type LinkReview struct {
	ID               int64
	RecordA, RecordB int64
	Probability      float64
	Evidence         json.RawMessage
	Status           string
	ResolvedAt       *time.Time
	ResolvedBy       *string
	Reason           *string
}

// ReviewPair is a pair proposed for review by a batch linkage.
type ReviewPair struct {
	RecordA, RecordB int64
	Probability      float64
	Evidence         []byte
}

// linkReviewsReplace replaces the open reviews with pairs; decided pairs
// keep their decision.
func linkReviewsReplace(ctx context.Context, tx pgx.Tx, pairs []ReviewPair) error {
	if _, err := tx.Exec(ctx, `DELETE FROM link_reviews WHERE status = 'OPEN'`); err != nil {
		return fmt.Errorf("link reviews: %w", err)
	}
	return linkReviewsAdd(ctx, tx, pairs)
}

// LinkDecisions returns the decided pairs, for batch linkage to keep:
// same is pairs to keep together, different pairs to keep apart.
func (s *Store) LinkDecisions(ctx context.Context) (same, different [][2]int64, err error) {
	rows, err := s.Pool.Query(ctx, `SELECT record_a, record_b, status FROM link_reviews WHERE status <> 'OPEN' ORDER BY id`)
	return scanDecisions(rows, err)
}

// scanDecisions splits decided review rows (record_a, record_b, status)
// into pairs kept together and pairs kept apart.
func scanDecisions(rows pgx.Rows, err error) (same, different [][2]int64, _ error) {
	if err != nil {
		return nil, nil, fmt.Errorf("link decisions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		var status string
		if err := rows.Scan(&a, &b, &status); err != nil {
			return nil, nil, fmt.Errorf("link decisions: %w", err)
		}
		if status == ReviewSame {
			same = append(same, [2]int64{a, b})
		} else {
			different = append(different, [2]int64{a, b})
		}
	}
	return same, different, rows.Err()
}

const reviewColumns = `v.id, v.record_a, v.record_b, v.probability, v.evidence, v.status, v.resolved_at, v.resolved_by, v.reason`

func scanReview(row pgx.CollectableRow) (LinkReview, error) {
	var r LinkReview
	err := row.Scan(&r.ID, &r.RecordA, &r.RecordB, &r.Probability, (*[]byte)(&r.Evidence), &r.Status,
		&r.ResolvedAt, &r.ResolvedBy, &r.Reason)
	return r, err
}

// reviewScope keeps reviews whose two records are both in scope.
func reviewScope(w *where, scope Scope) {
	for _, side := range []string{"a", "b"} {
		rw := &where{args: w.args}
		recordScope(rw, scope)
		w.args = rw.args
		if len(rw.conds) > 0 {
			w.add("EXISTS (SELECT 1 FROM source_records " + side + " WHERE " + side + ".id = v.record_" + side +
				" AND " + strings.Join(rw.conds, " AND ") + ")")
		}
	}
}

// LinkReviews lists reviews of a status in id order after the given id.
func (s *Store) LinkReviews(ctx context.Context, scope Scope, status string, after int64, limit int) ([]LinkReview, error) {
	w := &where{}
	w.add("v.status = " + w.arg(status))
	w.add("v.id > " + w.arg(after))
	reviewScope(w, scope)
	rows, _ := s.Pool.Query(ctx, "SELECT "+reviewColumns+" FROM link_reviews v "+w.sql()+" ORDER BY v.id LIMIT "+w.arg(limit), w.args...)
	out, err := pgx.CollectRows(rows, scanReview)
	if err != nil {
		return nil, fmt.Errorf("link reviews: %w", err)
	}
	return out, nil
}

// ErrReviewDecided means the review was decided before.
var ErrReviewDecided = fmt.Errorf("%w: the review is decided already", ErrConflict)

// LinkReviewResolve records a decision on an open review in scope. For
// SAME_PERSON it merges the person of record B into the person of record
// A at once: B's records move (LINK changes, method MANUAL), B's person
// points to A's (mergedInto), A's summary is refreshed. audit is appended
// in the same transaction, last.
func (s *Store) LinkReviewResolve(ctx context.Context, scope Scope, id int64, decision, by, reason string, audit AuditEntry) (LinkReview, error) {
	var out LinkReview
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		r, err := reviewLock(ctx, tx, scope, id)
		if err != nil {
			return err
		}
		if decision == ReviewSame {
			if err := linkShared(ctx, tx); err != nil {
				return err
			}
			if err := personsMergeRecords(ctx, tx, r.RecordA, r.RecordB); err != nil {
				return err
			}
		}
		if err := tx.QueryRow(ctx, `UPDATE link_reviews v SET status = $2, resolved_at = now(), resolved_by = $3, reason = $4
			WHERE id = $1 RETURNING `+reviewColumns, id, decision, by, reason).Scan(
			&out.ID, &out.RecordA, &out.RecordB, &out.Probability, (*[]byte)(&out.Evidence), &out.Status,
			&out.ResolvedAt, &out.ResolvedBy, &out.Reason); err != nil {
			return err
		}
		return AuditAppend(ctx, tx, []AuditEntry{audit})
	})
	if err != nil {
		return out, fmt.Errorf("resolve link review %d: %w", id, err)
	}
	return out, nil
}

// reviewLock locks an open review in scope.
func reviewLock(ctx context.Context, tx pgx.Tx, scope Scope, id int64) (LinkReview, error) {
	w := &where{}
	w.add("v.id = " + w.arg(id))
	reviewScope(w, scope)
	rows, _ := tx.Query(ctx, "SELECT "+reviewColumns+" FROM link_reviews v "+w.sql()+" FOR UPDATE OF v", w.args...)
	r, err := pgx.CollectExactlyOneRow(rows, scanReview)
	if err != nil {
		return r, translate(err)
	}
	if r.Status != ReviewOpen {
		return r, ErrReviewDecided
	}
	return r, nil
}
