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
	err := q.QueryRow(ctx, `SELECT txid, id FROM changes
		WHERE (txid, id) > ($1::xid8, $2::bigint) AND txid < pg_snapshot_xmin(pg_current_snapshot())
		ORDER BY txid DESC, id DESC LIMIT 1`, after.TxID, after.ID).Scan(&c.TxID, &c.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return after, nil
	}
	if err != nil {
		return after, fmt.Errorf("change feed horizon: %w", err)
	}
	return c, nil
}

// LinkIndexAll calls fn for every record, and returns the change-feed
// position from which LinkIndexSince finds what changed after: taken
// before the records are read, so a record written meanwhile is read
// again rather than missed.
func (s *Store) LinkIndexAll(ctx context.Context, fn func(LinkRow)) (ChangeCursor, error) {
	var cursor ChangeCursor
	err := pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		var err error
		if cursor, err = linkFeedHorizon(ctx, tx, ChangeCursor{}); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT `+linkRowColumns+`
			FROM source_records r LEFT JOIN persons p ON p.id = r.person_id`)
		return forEachLinkRow(rows, fn)
	})
	if err != nil {
		return cursor, fmt.Errorf("link index: %w", err)
	}
	return cursor, nil
}

// LinkIndexSince calls fn for every record created or changed after
// cursor that tx sees, and returns the position to resume from. Changes
// of transactions that may still have company behind them (not older than
// every running transaction) are read again next time: reading a record
// twice is harmless, missing one is not.
func LinkIndexSince(ctx context.Context, tx pgx.Tx, after ChangeCursor, fn func(LinkRow)) (ChangeCursor, error) {
	next, err := linkFeedHorizon(ctx, tx, after)
	if err != nil {
		return after, err
	}
	rows, _ := tx.Query(ctx, `SELECT `+linkRowColumns+`
		FROM changes c JOIN source_records r ON r.id = c.record_id LEFT JOIN persons p ON p.id = r.person_id
		WHERE (c.txid, c.id) > ($1::xid8, $2::bigint) AND c.kind = 'RECORD'
		ORDER BY c.txid, c.id`, after.TxID, after.ID)
	if err := forEachLinkRow(rows, fn); err != nil {
		return after, fmt.Errorf("link index: %w", err)
	}
	return next, nil
}

func forEachLinkRow(rows pgx.Rows, fn func(LinkRow)) error {
	defer rows.Close()
	for rows.Next() {
		var l LinkRow
		if err := scanLinkRow(rows, &l); err != nil {
			return err
		}
		fn(l)
	}
	return rows.Err()
}
