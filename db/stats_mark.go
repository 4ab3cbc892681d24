package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Kinds of entity the stats counters are kept from.
const (
	StatsPerson  = "PERSON"
	StatsPosting = "POSTING"
)

// StatsMarkPersons marks persons whose facts may have changed, for the
// stats folder to fold into the counters.
func StatsMarkPersons(ctx context.Context, q DBTX, personIDs []int64) error {
	if len(personIDs) == 0 {
		return nil
	}
	// Sorted, so concurrent markers take the rows' locks in one order.
	_, err := q.Exec(ctx, `INSERT INTO stats_dirty (kind, id)
		SELECT 'PERSON', id FROM unnest($1::bigint[]) AS u(id) ORDER BY id
		ON CONFLICT DO NOTHING`, personIDs)
	if err != nil {
		return fmt.Errorf("stats mark persons: %w", err)
	}
	return nil
}

// StatsTaken is a batch of marked entities a folder took.
type StatsTaken struct{ Persons, Postings []int64 }

// Len is how many entities were taken.
func (t StatsTaken) Len() int { return len(t.Persons) + len(t.Postings) }

// StatsTake removes up to limit marks and returns them. The marks stay
// locked until tx ends, so no other folder takes the same entity
// meanwhile, and a new mark of a taken entity waits for tx: it is folded
// again afterwards, from what tx committed.
func StatsTake(ctx context.Context, tx pgx.Tx, limit int) (StatsTaken, error) {
	// By ctid: a join back on (kind, id) is planned as a scan of the
	// whole table, which a rebuild fills with every person.
	rows, _ := tx.Query(ctx, `DELETE FROM stats_dirty WHERE ctid = ANY(ARRAY(
			SELECT ctid FROM stats_dirty ORDER BY kind, id LIMIT $1 FOR UPDATE SKIP LOCKED))
		RETURNING kind, id`, limit)
	var t StatsTaken
	var kind string
	var id int64
	_, err := pgx.ForEachRow(rows, []any{&kind, &id}, func() error {
		if kind == StatsPerson {
			t.Persons = append(t.Persons, id)
		} else {
			t.Postings = append(t.Postings, id)
		}
		return nil
	})
	if err != nil {
		return t, fmt.Errorf("stats take: %w", err)
	}
	return t, nil
}

// StatsReset empties the counters and marks every person and posting, so
// the folder builds the counters again from scratch, and records the
// version they are built by. It locks the state row: a concurrent folder
// waits, then folds into the new counters.
func StatsReset(ctx context.Context, tx pgx.Tx, version int) error {
	for _, sql := range []string{
		`SELECT 1 FROM stats_state FOR UPDATE`,
		`TRUNCATE stats_counters, stats_facts`,
		`INSERT INTO stats_dirty (kind, id) SELECT 'PERSON', id FROM persons WHERE merged_into IS NULL
			ON CONFLICT DO NOTHING`,
		`INSERT INTO stats_dirty (kind, id) SELECT 'POSTING', id FROM job_postings ON CONFLICT DO NOTHING`,
	} {
		if _, err := tx.Exec(ctx, sql); err != nil {
			return fmt.Errorf("stats reset: %w", err)
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE stats_state SET version = $1`, version); err != nil {
		return fmt.Errorf("stats reset: %w", err)
	}
	return nil
}

// StatsVersion is the version the counters were built by (0: never).
func (s *Store) StatsVersion(ctx context.Context) (int, error) {
	var v int
	if err := s.Pool.QueryRow(ctx, `SELECT version FROM stats_state`).Scan(&v); err != nil {
		return 0, fmt.Errorf("stats version: %w", err)
	}
	return v, nil
}
