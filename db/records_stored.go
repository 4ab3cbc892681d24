package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

// recordKey names a source record: unique per department.
type recordKey struct{ department, sourceID string }

// storedRecord is what a write needs to know of a record already stored.
type storedRecord struct {
	id, version int64
	hash        []byte
}

// recordsStored looks up which of recs are stored already, one index probe
// each (LATERAL keeps the plan independent of table statistics).
func recordsStored(ctx context.Context, tx pgx.Tx, recs []feed.Record) (map[recordKey]storedRecord, error) {
	depts := make([]string, len(recs))
	ids := make([]string, len(recs))
	for i, r := range recs {
		depts[i], ids[i] = string(r.Department), r.SourceID
	}
	rows, err := tx.Query(ctx, `
		SELECT r.department, r.source_id, r.id, r.source_version, r.content_hash
		FROM unnest($1::text[], $2::text[]) AS u(department, source_id)
		CROSS JOIN LATERAL (
			SELECT id, department, source_id, source_version, content_hash FROM source_records r
			WHERE r.department = u.department AND r.source_id = u.source_id) r`, depts, ids)
	if err != nil {
		return nil, fmt.Errorf("records stored: %w", err)
	}
	defer rows.Close()
	stored := make(map[recordKey]storedRecord)
	for rows.Next() {
		var k recordKey
		var s storedRecord
		if err := rows.Scan(&k.department, &k.sourceID, &s.id, &s.version, &s.hash); err != nil {
			return nil, fmt.Errorf("records stored: %w", err)
		}
		stored[k] = s
	}
	return stored, rows.Err()
}
