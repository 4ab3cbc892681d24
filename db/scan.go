package db

import "github.com/jackc/pgx/v5"

// collectInPlace is pgx.CollectRows for scanners that fill a row in: each
// row is scanned straight into its place in the result, where a scanner
// returning the value would allocate it first (the scan destinations make
// it escape) and then copy it.
func collectInPlace[T any](rows pgx.Rows, scan func(pgx.CollectableRow, *T) error) ([]T, error) {
	defer rows.Close()
	out := []T{} // not nil, like pgx.CollectRows
	for rows.Next() {
		var zero T
		out = append(out, zero)
		if err := scan(rows, &out[len(out)-1]); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
