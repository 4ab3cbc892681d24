package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Upsert statuses, one per staged input.
const (
	StatusCreated   = "CREATED"
	StatusUpdated   = "UPDATED"
	StatusUnchanged = "UNCHANGED"
	StatusStale     = "STALE"
)

// Reasons a staged input was stale.
const (
	StaleNewerStored     = "NEWER_VERSION_STORED" // the stored sourceVersion is higher
	StaleVersionConflict = "VERSION_CONFLICT"     // same sourceVersion, other content
	StaleConcurrentWrite = "CONCURRENT_WRITE"     // another transaction stored it first
)

// UpsertOutcome says what happened to one staged input.
type UpsertOutcome struct {
	Index         int    // position in the caller's slice
	ID            int64  // the stored row's id (0 only for CONCURRENT_WRITE)
	Status        string // StatusCreated, …
	StaleReason   string // set when Status is StatusStale
	StoredVersion int64  // the version stored before this write, when one was
	// JoinedPerson is set for a created record placed in a person that
	// existed before this batch: that person's summary needs refreshing.
	JoinedPerson int64
}

// outcomesRead turns the rows of a staged upsert's final SELECT
// (ord, version, written id, created, stored id, stored version, same
// content) into outcomes in staging order.
func outcomesRead(rows pgx.Rows, n int) ([]UpsertOutcome, error) {
	out := make([]UpsertOutcome, n)
	defer rows.Close()
	for rows.Next() {
		var ord int
		var written, stored, storedVersion *int64
		var created, same *bool
		var version int64
		if err := rows.Scan(&ord, &version, &written, &created, &stored, &storedVersion, &same); err != nil {
			return nil, fmt.Errorf("upsert outcome: %w", err)
		}
		out[ord] = outcomeOf(ord, version, written, created, stored, storedVersion, same)
	}
	return out, rows.Err()
}

func outcomeOf(ord int, version int64, written *int64, created *bool, stored, storedVersion *int64, same *bool) UpsertOutcome {
	o := UpsertOutcome{Index: ord}
	if storedVersion != nil {
		o.StoredVersion = *storedVersion
	}
	switch {
	case written != nil && *created:
		o.ID, o.Status = *written, StatusCreated
	case written != nil:
		o.ID, o.Status = *written, StatusUpdated
	case stored == nil:
		o.Status, o.StaleReason = StatusStale, StaleConcurrentWrite
	case *storedVersion > version:
		o.ID, o.Status, o.StaleReason = *stored, StatusStale, StaleNewerStored
	case same != nil && *same:
		o.ID, o.Status = *stored, StatusUnchanged
	default:
		o.ID, o.Status, o.StaleReason = *stored, StatusStale, StaleVersionConflict
	}
	return o
}

// staging describes a per-connection staging table and the upsert that
// moves its rows into place.
type staging struct {
	name    string   // the temp table
	ddl     string   // creates it if missing, emptied at commit
	columns []string // COPY column order; the first is "ord"
	upsert  string   // returns the outcome columns outcomesRead expects
}

// run stages n rows with COPY, runs the upsert and returns the outcomes in
// staging order.
func (st staging) run(ctx context.Context, tx pgx.Tx, n int, row func(int) []any) ([]UpsertOutcome, error) {
	if n == 0 {
		return nil, nil
	}
	if _, err := tx.Exec(ctx, st.ddl); err != nil {
		return nil, fmt.Errorf("%s: %w", st.name, err)
	}
	src := pgx.CopyFromSlice(n, func(i int) ([]any, error) { return row(i), nil })
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{st.name}, st.columns, src); err != nil {
		return nil, fmt.Errorf("%s copy: %w", st.name, err)
	}
	rows, err := tx.Query(ctx, st.upsert)
	if err != nil {
		return nil, fmt.Errorf("%s upsert: %w", st.name, err)
	}
	out, err := outcomesRead(rows, n)
	if err != nil {
		return nil, fmt.Errorf("%s upsert: %w", st.name, err)
	}
	// A second batch in the same transaction must not see these rows.
	_, err = tx.Exec(ctx, "TRUNCATE "+st.name)
	return out, err
}
