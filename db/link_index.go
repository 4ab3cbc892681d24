package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// The incremental linker keeps an index of every record's block keys in
// memory and follows the change feed to keep it current. These read what
// it needs: all records once, then the records changed since.

// linkFeedHorizon is the last change after cursor whose transaction is
// older than every running one: nothing can commit behind it any more.
// It is cursor itself when there is none.
func linkFeedHorizon(ctx context.Context, q pgx.Tx, after ChangeCursor) (ChangeCursor, error) {
	var c ChangeCursor
	err := q.QueryRow(ctx, `SELECT c.txid, c.id FROM unnest($3::text[]) AS d(dept) CROSS JOIN LATERAL (
			SELECT txid, id FROM changes WHERE department = d.dept
			AND (txid, id) > ($1::xid8, $2::bigint) AND txid < pg_snapshot_xmin(pg_current_snapshot())
			ORDER BY txid DESC, id DESC LIMIT 1) c
		ORDER BY c.txid DESC, c.id DESC LIMIT 1`, after.TxID, after.ID, changeDepartments).Scan(&c.TxID, &c.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return after, nil
	}
	if err != nil {
		return after, fmt.Errorf("change feed horizon: %w", err)
	}
	return c, nil
}

// LinkIndexAll calls fn for every record, with only what block keys need
// (id, name, ID number, birth date, phone, region), and returns the change-feed
// position from which LinkFeedSince finds what changed after: taken
// before the records are read, so a record written meanwhile is read
// again rather than missed.
func (s *Store) LinkIndexAll(ctx context.Context, fn func(LinkRow)) (ChangeCursor, error) {
	var cursor ChangeCursor
	err := pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		var err error
		if cursor, err = linkFeedHorizon(ctx, tx, ChangeCursor{}); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT `+keyRowColumns+` FROM source_records r`)
		return forEachKeyRow(rows, fn)
	})
	if err != nil {
		return cursor, fmt.Errorf("link index: %w", err)
	}
	return cursor, nil
}

// RecordChange is a record created or changed, as the change feed holds it.
type RecordChange struct{ ChangeID, RecordID int64 }

// LinkFeedSince returns the record changes after cursor that tx sees, and
// the position to resume from. Changes of transactions that may still
// have company behind them (not older than every running transaction)
// come again next time: the caller skips those it has read.
func LinkFeedSince(ctx context.Context, tx pgx.Tx, after ChangeCursor) ([]RecordChange, ChangeCursor, error) {
	next, err := linkFeedHorizon(ctx, tx, after)
	if err != nil {
		return nil, after, err
	}
	// One range of the feed's key per department of records. The plain
	// txid bound is redundant but steers the planner to that range: without
	// it, it scans the department's whole feed.
	rows, _ := tx.Query(ctx, `SELECT c.id, c.record_id FROM unnest($3::text[]) AS d(dept) CROSS JOIN LATERAL (
			SELECT txid, id, record_id FROM changes WHERE department = d.dept
			AND (txid, id) > ($1::xid8, $2::bigint) AND txid >= $1::xid8 AND kind = 'RECORD') c
		ORDER BY c.txid, c.id`, after.TxID, after.ID, recordDepartments)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[RecordChange])
	if err != nil {
		return nil, after, fmt.Errorf("link feed: %w", err)
	}
	return out, next, nil
}

// LinkRowsByID calls fn for each of the records, with what block keys
// need (as LinkIndexAll).
func LinkRowsByID(ctx context.Context, tx pgx.Tx, ids []int64, fn func(LinkRow)) error {
	if len(ids) == 0 {
		return nil
	}
	rows, _ := tx.Query(ctx, `SELECT `+keyRowColumns+` FROM source_records r WHERE r.id = ANY($1)`, ids)
	if err := forEachKeyRow(rows, fn); err != nil {
		return fmt.Errorf("link rows: %w", err)
	}
	return nil
}

// keyRowColumns are what block keys are made of: reading the rest (the
// legacy flag parses the raw input) would cost most of an index build.
const keyRowColumns = `r.id, r.name, coalesce(r.id_number, ''), r.id_valid,
	coalesce(to_char(r.birth_date, 'YYYY-MM-DD'), ''), coalesce(r.phone, ''), r.region_code`

func forEachKeyRow(rows pgx.Rows, fn func(LinkRow)) error {
	defer rows.Close()
	for rows.Next() {
		var l LinkRow
		if err := rows.Scan(&l.RecordID, &l.Name, &l.IDNumber, &l.IDValid, &l.Birth, &l.Phone, &l.Region); err != nil {
			return err
		}
		fn(l)
	}
	return rows.Err()
}
