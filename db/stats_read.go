package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/stats"
)

// StatsRows reads a region's counters up to the month last, the months a
// period's levels and trends are summed from.
func (s *Store) StatsRows(ctx context.Context, region string, last stats.Month) ([]stats.Row, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT month, metric, dim, value FROM stats_counters
		WHERE region = $1 AND month <= $2`, region, int32(last))
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (stats.Row, error) {
		var r stats.Row
		var m int32
		err := row.Scan(&m, &r.Metric, &r.Dim, &r.Value)
		r.Month = stats.Month(m)
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("stats rows %s: %w", region, err)
	}
	return out, nil
}

// StatsChildren sums the counters of a region's children (the regions one
// level below it) for the months first to last, child by child.
func (s *Store) StatsChildren(ctx context.Context, region string, first, last stats.Month) (map[string]stats.Totals, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT region, metric, dim, sum(value)::bigint, coalesce(sum(value) FILTER (WHERE month >= $2), 0)::bigint
		FROM stats_counters WHERE parent = $1 AND month <= $3
		GROUP BY region, metric, dim`, region, int32(first), int32(last))
	out := map[string]stats.Totals{}
	var child string
	var k stats.MetricDim
	var sum stats.Sum
	_, err := pgx.ForEachRow(rows, []any{&child, &k.Metric, &k.Dim, &sum.UpTo, &sum.In}, func() error {
		if out[child] == nil {
			out[child] = stats.Totals{}
		}
		out[child].Add(k, sum)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats children %s: %w", region, err)
	}
	return out, nil
}

// StatsPending counts the entities waiting to be folded, up to limit.
func (s *Store) StatsPending(ctx context.Context, limit int) (int, error) {
	var n int
	// Through the index: the table's heap may hold many dead marks until
	// autovacuum comes by.
	err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT FROM stats_dirty ORDER BY kind, id LIMIT $1) d`, limit).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("stats pending: %w", err)
	}
	return n, nil
}

// StatsVacuum vacuums the stats tables, after a fold that churned through
// many marks and counters (a rebuild), so reads stay fast without waiting
// for autovacuum.
func (s *Store) StatsVacuum(ctx context.Context) error {
	if _, err := s.Pool.Exec(ctx, `VACUUM (ANALYZE) stats_dirty, stats_counters, stats_facts`); err != nil {
		return fmt.Errorf("stats vacuum: %w", err)
	}
	return nil
}
