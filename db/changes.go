package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Change is one create or update of a record, a link or a job posting, in
// the order of the transactions that wrote them.
type Change struct {
	ID         int64  // the change row; a with-link row holds two changes
	TxID       uint64 // the writing transaction (xid8)
	Kind       string // RECORD, LINK or JOB
	Op         string // CREATED or UPDATED
	Department string
	SourceID   string
	RecordID   int64  // source_records.id, or job_postings.id for JOB
	PersonID   *int64 // the person linked when the change was written
	At         time.Time
	// linkFollows marks the RECORD half of a with-link row: its LINK
	// change comes next, from the same row.
	linkFollows bool
}

// ChangeCursor is a position in the change feed: after the row (TxID, ID),
// or, with InRow, after the RECORD half of that with-link row and before
// its LINK half. The zero cursor is the start of the feed.
type ChangeCursor struct {
	TxID  uint64
	ID    int64
	InRow bool
}

// Cursor returns c's position; reading after it resumes with the next change.
func (c Change) Cursor() ChangeCursor {
	return ChangeCursor{TxID: c.TxID, ID: c.ID, InRow: c.linkFollows}
}

// ChangesListMax is the largest page ChangesList returns.
const ChangesListMax = 1000

// The departments the feed has rows of: the feed's key (department, txid,
// id) holds each as one range. Record changes are the first three's.
var (
	recordDepartments = []string{"VETERAN", "CIVIL", "HEALTH"}
	changeDepartments = append(recordDepartments[:3:3], "JOBS")
)

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
	depts := changeDepartments
	if department != "" {
		depts = []string{department}
	}
	rows, err := changeRows(ctx, s.Pool, scope, after, first+1, depts)
	if err != nil {
		return nil, false, fmt.Errorf("changes list: %w", translate(err))
	}
	changes := expandChanges(rows, after)
	if len(changes) > first {
		return changes[:first], true, nil
	}
	return changes, false, nil
}

// changeRow is a row of changes: with WithLink, a RECORD change and the
// LINK change of the same record.
type changeRow struct {
	Change
	WithLink bool
}

// changeRows reads up to limit rows from the cursor's row on (its row
// itself only when the cursor is inside it), merging the departments'
// ranges of the feed's key in (txid, id) order.
func changeRows(ctx context.Context, q DBTX, scope Scope, after ChangeCursor, limit int, depts []string) ([]changeRow, error) {
	from := after.ID + 1
	if after.InRow {
		from = after.ID
	}
	w := &where{}
	w.add("c.department = d.dept")
	w.add("(c.txid, c.id) >= (" + w.arg(after.TxID) + "::xid8, " + w.arg(from) + "::bigint)")
	w.add("c.txid < pg_snapshot_xmin(pg_current_snapshot())")
	scope.individuals(w)
	scope.departmentIs(w, "c.department")
	table := "changes c"
	if len(scope.Regions) > 0 {
		// Changes carry no region: judge each by its record or posting now.
		table += ` LEFT JOIN source_records r ON c.kind <> 'JOB' AND r.id = c.record_id
			LEFT JOIN job_postings j ON c.kind = 'JOB' AND j.id = c.record_id`
		scope.regionIn(w, "coalesce(r.region_code, j.region_code)")
	}
	lim := w.arg(limit)
	sql := `SELECT c.* FROM unnest(` + w.arg(depts) + `::text[]) AS d(dept) CROSS JOIN LATERAL (
			SELECT c.id, c.txid, c.kind, c.op, c.department, c.source_id, c.record_id, c.person_id, c.at, c.with_link
			FROM ` + table + " " + w.sql() + " ORDER BY c.txid, c.id LIMIT " + lim + `) c
		ORDER BY c.txid, c.id LIMIT ` + lim
	rows, _ := q.Query(ctx, sql, w.args...)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (changeRow, error) {
		var r changeRow
		err := row.Scan(&r.ID, &r.TxID, &r.Kind, &r.Op, &r.Department, &r.SourceID, &r.RecordID, &r.PersonID, &r.At, &r.WithLink)
		return r, err
	})
}

// expandChanges turns rows into changes: a with-link row into its RECORD
// and LINK changes, except the half the cursor is already past.
func expandChanges(rows []changeRow, after ChangeCursor) []Change {
	out := make([]Change, 0, len(rows)+len(rows)/2)
	for _, r := range rows {
		inCursorRow := after.InRow && r.TxID == after.TxID && r.ID == after.ID
		if !r.WithLink {
			if !inCursorRow {
				out = append(out, r.Change)
			}
			continue
		}
		if !inCursorRow {
			rec := r.Change
			rec.linkFollows = true
			out = append(out, rec)
		}
		link := r.Change
		link.Kind = "LINK"
		out = append(out, link)
	}
	return out
}
