package db

import (
	"context"
	"fmt"
)

// AnalyzeRecords refreshes the planner's statistics of the tables a bulk
// load or a batch linkage rewrote. Autovacuum gets there eventually; until
// it does, a table it never analysed plans as if empty or uniform, and a
// lookup of one person's records becomes a scan of all of them.
func (s *Store) AnalyzeRecords(ctx context.Context) error {
	if _, err := s.Pool.Exec(ctx, `ANALYZE source_records, persons, changes`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
