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

// RegionsWithAncestors returns the regions with the given codes together
// with all their ancestors, in no particular order; unknown codes are left
// out. The table is small, so one recursive query serves a whole page.
func (s *Store) RegionsWithAncestors(ctx context.Context, codes []string) ([]Region, error) {
	rows, _ := s.Pool.Query(ctx, `WITH RECURSIVE r AS (
			SELECT code, name, level, parent_code FROM regions WHERE code = ANY($1)
			UNION
			SELECT p.code, p.name, p.level, p.parent_code FROM regions p JOIN r ON p.code = r.parent_code
		) SELECT code, name, level, parent_code FROM r`, codes)
	regions, err := pgx.CollectRows(rows, pgx.RowToStructByName[Region])
	if err != nil {
		return nil, fmt.Errorf("regions with ancestors: %w", translate(err))
	}
	return regions, nil
}

// RegionCandidates returns the codes that may name the region of code, most
// specific first: a 12-digit village code is usually not in the table, so
// its township (9) and county (6) follow.
func RegionCandidates(code string) []string {
	var out []string
	for _, n := range []int{12, 9, 6} {
		if len(code) >= n {
			out = append(out, code[:n])
		}
	}
	return out
}
