package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Region is a row of regions, the reference table of administrative
// divisions. Regions are not personal data and are never scoped.
type Region struct {
	Code       string
	Name       string
	Level      string  // province, prefecture, county, township or village
	ParentCode *string // nil for a province
}

// Regions returns the whole regions table, in code order. Reads go through
// the in-memory copy (regionTableOf); this is what fills it.
func (s *Store) Regions(ctx context.Context) ([]Region, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT code, name, level, parent_code FROM regions ORDER BY code`)
	regions, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Region])
	if err != nil {
		return nil, fmt.Errorf("regions: %w", translate(err))
	}
	return regions, nil
}

// regionCodeLengths are the lengths of the codes that may name a region,
// most specific first.
var regionCodeLengths = []int{12, 9, 6}
