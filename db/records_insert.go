package db

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

// errWriteRaced marks a write that lost a race with a concurrent
// transaction storing the same record; InTx runs the transaction again,
// and the second run sees that record as stored.
var errWriteRaced = errors.New("a concurrent transaction stored the same record")

var recordsInsertColumns = []string{"id", "department", "source_id", "source_version", "as_of",
	"name", "id_number", "id_valid", "id_problem", "sex", "birth_date", "phone", "address",
	"region_code", "attrs", "raw", "content_hash", "person_id", "link_method", "linked_at", "linked_version", "id_legacy"}

var changesColumns = []string{"kind", "op", "department", "source_id", "record_id", "person_id", "with_link"}

// recordsInsert writes the records at idx, none of them stored yet, straight
// into source_records with COPY: no staging, no conflict handling, each
// written once with its person (exact-ID rule). It logs a RECORD and a LINK
// change for each (one with-link row) and creates the persons new to this
// batch. Their outcomes go into out. Persons are numbered in input order; rows are copied in
// sourceId order, so concurrent batches wait for each other's keys in one
// order instead of deadlocking.
func recordsInsert(ctx context.Context, tx pgx.Tx, recs []feed.Record, idx []int, out []UpsertOutcome) error {
	if len(idx) == 0 {
		return nil
	}
	fresh := make([]feed.Record, len(idx))
	for j, i := range idx {
		fresh[j] = recs[i]
	}
	place, err := placeFresh(ctx, tx, fresh)
	if err != nil {
		return err
	}
	ids, now, err := idsReserve(ctx, tx, "source_records", len(fresh))
	if err != nil {
		return err
	}
	if err := recordsCopy(ctx, tx, fresh, ids, place, now); err != nil {
		return err
	}
	if err := recordChangesCopy(ctx, tx, fresh, ids, place); err != nil {
		return err
	}
	if err := personsCreatePlaced(ctx, tx, fresh, place); err != nil {
		return err
	}
	for j, i := range idx {
		out[i] = UpsertOutcome{Index: i, ID: ids[j], Status: StatusCreated}
		if place.joined[j] {
			out[i].JoinedPerson = place.person[j]
		}
	}
	return nil
}

// recordsCopy writes the records with their ids and placements, in
// sourceId order.
func recordsCopy(ctx context.Context, tx pgx.Tx, recs []feed.Record, ids []int64, place placement, now time.Time) error {
	size := 0
	for _, r := range recs {
		size += len(r.Raw) + len(r.Attrs) + 400
	}
	c := newCopyRows(size)
	for _, j := range bySourceID(recs) {
		r := &recs[j]
		c.row(len(recordsInsertColumns))
		c.int8(ids[j])
		c.text(string(r.Department))
		c.text(r.SourceID)
		c.int8(r.SourceVersion)
		c.date(r.AsOf.Time)
		c.text(r.Name)
		c.optText(r.IDNumber)
		c.bool(r.IDValid)
		c.optText(r.IDProblem)
		c.optText(r.Sex)
		c.optDate(r.BirthDate)
		c.optText(r.Phone)
		c.optText(r.Address)
		c.text(r.RegionCode)
		c.bytes(r.Attrs)
		c.bytes(r.Raw)
		c.bytes(r.Hash[:])
		c.int8(place.person[j])
		c.text(place.method[j])
		c.timestamptz(now)
		c.int8(r.SourceVersion)
		c.bool(r.IDLegacy)
	}
	err := copyBinary(ctx, tx, "source_records", recordsInsertColumns, c)
	if uniqueViolation(err, "source_records_department_source_id_key") {
		return fmt.Errorf("records insert: %w", errWriteRaced)
	}
	if err != nil {
		return fmt.Errorf("records insert: %w", err)
	}
	return nil
}

// bySourceID returns the indexes of recs in sourceId order.
func bySourceID(recs []feed.Record) []int {
	order := make([]int, len(recs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(recs[a].SourceID, recs[b].SourceID) })
	return order
}

// recordChangesCopy logs, for each inserted record, its RECORD and LINK
// creation in the change feed: one with-link row each.
func recordChangesCopy(ctx context.Context, tx pgx.Tx, recs []feed.Record, ids []int64, place placement) error {
	c := newCopyRows(len(recs) * 120)
	for j := range recs {
		c.row(len(changesColumns))
		c.text("RECORD")
		c.text(StatusCreated)
		c.text(string(recs[j].Department))
		c.text(recs[j].SourceID)
		c.int8(ids[j])
		c.int8(place.person[j])
		c.bool(true)
	}
	if err := copyBinary(ctx, tx, "changes", changesColumns, c); err != nil {
		return fmt.Errorf("record changes: %w", err)
	}
	return nil
}

// idsReserve draws n ids from the identity sequence of table's id column
// (named by PostgreSQL's default, table_id_seq),
// and reads the transaction's time.
func idsReserve(ctx context.Context, tx pgx.Tx, table string, n int) ([]int64, time.Time, error) {
	var ids []int64
	var now time.Time
	// The sequence as a constant: looked up per row (pg_get_serial_sequence
	// in the query) it costs ten times the draw.
	err := tx.QueryRow(ctx, `SELECT now(), coalesce(array_agg(nextval($1::regclass)), '{}') FROM generate_series(1, $2)`,
		table+"_id_seq", n).Scan(&now, &ids)
	if err != nil {
		return nil, now, fmt.Errorf("%s ids: %w", table, err)
	}
	return ids, now, nil
}
