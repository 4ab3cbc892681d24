package db

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/stats"
)

// StatsFacts reads the facts entities of a kind last added to the
// counters; an entity never folded has none.
func StatsFacts(ctx context.Context, tx pgx.Tx, kind string, ids []int64) (map[int64]stats.Facts, error) {
	rows, _ := tx.Query(ctx, `SELECT id, facts FROM stats_facts WHERE kind = $1 AND id = ANY($2)`, kind, ids)
	out := make(map[int64]stats.Facts, len(ids))
	var id int64
	var raw []byte
	_, err := pgx.ForEachRow(rows, []any{&id, &raw}, func() error {
		var f stats.Facts
		if err := json.Unmarshal(raw, &f); err != nil {
			return fmt.Errorf("%s %d: %w", kind, id, err)
		}
		out[id] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats facts: %w", err)
	}
	return out, nil
}

// StatsStoreFacts keeps the entities' new facts (removing empty ones).
func StatsStoreFacts(ctx context.Context, tx pgx.Tx, kind string, facts map[int64]stats.Facts) error {
	var keep, drop []int64
	var docs [][]byte
	for id, f := range facts {
		if f.Empty() {
			drop = append(drop, id)
			continue
		}
		doc, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("stats facts %s %d: %w", kind, id, err)
		}
		keep, docs = append(keep, id), append(docs, doc)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM stats_facts WHERE kind = $1 AND id = ANY($2)`, kind, drop); err != nil {
		return fmt.Errorf("stats facts: %w", err)
	}
	_, err := tx.Exec(ctx, `INSERT INTO stats_facts (kind, id, facts)
		SELECT $1, id, facts FROM unnest($2::bigint[], $3::bytea[]) AS u(id, facts)
		ON CONFLICT (kind, id) DO UPDATE SET facts = EXCLUDED.facts`, kind, keep, docs)
	if err != nil {
		return fmt.Errorf("stats facts: %w", err)
	}
	return nil
}

// StatsAdd moves the counters by the (sorted) increments.
func StatsAdd(ctx context.Context, tx pgx.Tx, items []stats.Item) error {
	n := len(items)
	regions, parents, dims, metrics := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	months, values := make([]int32, n), make([]int64, n)
	for i, it := range items {
		regions[i], parents[i], metrics[i], dims[i] = it.Region, stats.Parent(it.Region), it.Metric, it.Dim
		months[i], values[i] = int32(it.Month), it.Value
	}
	// WITH ORDINALITY keeps the sorted order, so concurrent folders lock
	// shared counters in one order and never deadlock on them.
	_, err := tx.Exec(ctx, `INSERT INTO stats_counters (region, parent, month, metric, dim, value)
		SELECT region, parent, month, metric, dim, value
		FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::bigint[])
			WITH ORDINALITY AS u(region, parent, month, metric, dim, value, n)
		ORDER BY n
		ON CONFLICT (region, month, metric, dim) DO UPDATE SET value = stats_counters.value + EXCLUDED.value`,
		regions, parents, months, metrics, dims, values)
	if err != nil {
		return fmt.Errorf("stats counters: %w", err)
	}
	return nil
}
