package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Change is a row of changes: one create or update of a record, a link or
// a job posting, in the order of the transactions that wrote them.
type Change struct {
	ID         int64
	TxID       uint64 // the writing transaction (xid8)
	Kind       string // RECORD, LINK or JOB
	Op         string // CREATED or UPDATED
	Department string
	SourceID   string
	RecordID   int64  // source_records.id, or job_postings.id for JOB
	PersonID   *int64 // the person linked when the change was written
	At         time.Time
}

// ChangeCursor is a position in the change feed: the (txid, id) of the last
// change read. The zero cursor is the start of the feed.
type ChangeCursor struct {
	TxID uint64
	ID   int64
}

// Cursor returns c's position; reading after it resumes with the next change.
func (c Change) Cursor() ChangeCursor { return ChangeCursor{TxID: c.TxID, ID: c.ID} }

// ChangesListMax is the largest page ChangesList returns.
const ChangesListMax = 1000

// ChangesList returns up to first changes after the cursor in (txid, id)
// order, and whether more are visible now; department, when set, keeps only
// that department's. It returns only changes of transactions older than
// every transaction still running (pg_snapshot_xmin), so a change that
// commits later can never land behind a cursor already handed out. first
// must be 1 to ChangesListMax.
func (s *Store) ChangesList(ctx context.Context, scope Scope, after ChangeCursor, first int, department string) ([]Change, bool, error) {
	if first < 1 || first > ChangesListMax {
		return nil, false, fmt.Errorf("changes list: first %d not in 1..%d", first, ChangesListMax)
	}
	w := &where{}
	w.add("(c.txid, c.id) > (" + w.arg(after.TxID) + "::xid8, " + w.arg(after.ID) + "::bigint)")
	w.add("c.txid < pg_snapshot_xmin(pg_current_snapshot())")
	if department != "" {
		w.add("c.department = " + w.arg(department))
	}
	scope.individuals(w)
	scope.departmentIs(w, "c.department")
	from := "changes c"
	if len(scope.Regions) > 0 {
		// Changes carry no region: judge each by its record or posting now.
		from += ` LEFT JOIN source_records r ON c.kind <> 'JOB' AND r.id = c.record_id
			LEFT JOIN job_postings j ON c.kind = 'JOB' AND j.id = c.record_id`
		scope.regionIn(w, "coalesce(r.region_code, j.region_code)")
	}
	sql := `SELECT c.id, c.txid, c.kind, c.op, c.department, c.source_id, c.record_id, c.person_id, c.at
		FROM ` + from + " " + w.sql() + " ORDER BY c.txid, c.id LIMIT " + w.arg(first+1)
	rows, _ := s.Pool.Query(ctx, sql, w.args...)
	changes, err := pgx.CollectRows(rows, pgx.RowToStructByName[Change])
	if err != nil {
		return nil, false, fmt.Errorf("changes list: %w", translate(err))
	}
	if len(changes) > first {
		return changes[:first], true, nil
	}
	return changes, false, nil
}
