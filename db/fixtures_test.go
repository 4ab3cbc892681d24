package db_test

import (
	"context"
	"testing"

	"github.com/vethub/vethub/db"
)

// fixtures inserts rows straight into the tables with sensible defaults,
// so read tests do not depend on ingest.
type fixtures struct {
	t     *testing.T
	store *db.Store
}

func (f fixtures) exec(sql string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.store.Pool.QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		f.t.Fatalf("fixture: %v", err)
	}
	return id
}

// person inserts an unmerged person.
func (f fixtures) person(name, region string, departments ...string) int64 {
	f.t.Helper()
	if departments == nil {
		departments = []string{}
	}
	return f.exec(`INSERT INTO persons (name, region_code, departments) VALUES ($1, $2, $3) RETURNING id`,
		name, region, departments)
}

// merge points from at into.
func (f fixtures) merge(from, into int64) {
	f.t.Helper()
	f.exec(`UPDATE persons SET merged_into = $2 WHERE id = $1 RETURNING id`, from, into)
}

// record inserts a record linked to personID (0: unlinked).
func (f fixtures) record(dept, sourceID string, personID int64, region, asOf string, version int) int64 {
	f.t.Helper()
	var pid *int64
	if personID != 0 {
		pid = &personID
	}
	return f.exec(`INSERT INTO source_records (department, source_id, source_version, as_of, name,
			region_code, raw, content_hash, person_id)
		VALUES ($1, $2, $3, $4, 'x', $5, '{}', '\x00', $6) RETURNING id`,
		dept, sourceID, version, asOf, region, pid)
}
