package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

// A first load of a department's feed writes only records not stored yet.
// Looking each one up before writing it (recordsStored) was a tenth of
// PostgreSQL's time in such a load, so when a sample of a batch finds none
// of it stored, the batch is written straight away and the unique key is
// the check: should a record be stored after all, that write stops at it,
// is undone to a savepoint and the batch takes the path with lookups.

// freshSample is how many records of a batch are looked up to judge it new:
// when a fifth of a batch is stored, a sample this size misses all of them
// about once in 35 batches.
const freshSample = 16

// recordsInsertIfAllNew writes recs as new records when a sample suggests
// none is stored yet. It reports whether it wrote them; false leaves tx as
// it was.
func recordsInsertIfAllNew(ctx context.Context, tx pgx.Tx, recs []feed.Record, out []UpsertOutcome) (bool, error) {
	if len(recs) < 2*freshSample {
		return false, nil // small batches: the lookups are cheap
	}
	if stored, err := anyStored(ctx, tx, recs); err != nil || stored {
		return false, err
	}
	sp, err := tx.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("records insert: %w", err)
	}
	all := make([]int, len(recs))
	for i := range all {
		all[i] = i
	}
	err = recordsInsert(ctx, sp, recs, all, out)
	if errors.Is(err, errWriteRaced) {
		clear(out)
		return false, sp.Rollback(ctx)
	}
	if err != nil {
		return false, err
	}
	return true, sp.Commit(ctx)
}

// anyStored says whether any of freshSample records spread over recs is
// stored.
func anyStored(ctx context.Context, tx pgx.Tx, recs []feed.Record) (bool, error) {
	depts, ids := make([]string, freshSample), make([]string, freshSample)
	for k := range freshSample {
		r := recs[k*len(recs)/freshSample]
		depts[k], ids[k] = string(r.Department), r.SourceID
	}
	var stored bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS u(department, source_id)
		JOIN source_records r ON r.department = u.department AND r.source_id = u.source_id)`, depts, ids).Scan(&stored)
	if err != nil {
		return false, fmt.Errorf("records stored sample: %w", err)
	}
	return stored, nil
}
