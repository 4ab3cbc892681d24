package db

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// AnalyzeRecords refreshes the planner's statistics of the tables a bulk
// load or a batch linkage rewrote. Autovacuum gets there eventually; until
// it does, a table it never analysed plans as if empty or uniform, and a
// lookup of one person's records becomes a scan of all of them. The tables
// are analysed at once on their own connections: after a load, ANALYZE
// mostly waits on reading pages and setting their hint bits, and one
// table's wait need not hold up the next.
func (s *Store) AnalyzeRecords(ctx context.Context) error {
	// Records: only the columns queries select on; statistics of the raw
	// and attrs documents would plan nothing and took half of the time.
	tables := []string{
		"source_records (id, department, source_id, person_id, id_number, id_valid, name, birth_date, region_code, as_of)",
		"persons", "changes",
	}
	errs := make([]error, len(tables))
	var wg sync.WaitGroup
	for i, table := range tables {
		wg.Go(func() {
			if _, err := s.Pool.Exec(ctx, "ANALYZE "+table); err != nil {
				errs[i] = fmt.Errorf("analyze %s: %w", table, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
