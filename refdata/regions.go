// Package refdata holds the small reference tables vethub ships with: the
// region codes of the seed counties and their townships (GB/T 2260 and the
// statistical division codes, 2023 edition). Reference data is versioned by
// edition because codes change with redistricting.
package refdata

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
)

// RegionsEdition names the edition of the shipped region table.
const RegionsEdition = "2023"

//go:embed regions.csv
var regionsCSV string

// Region is one administrative division.
type Region struct {
	Code       string // 6 (county and above), 9 (township) or 12 (village) digits
	Name       string
	Level      string // province, prefecture, county, township, village
	ParentCode string // "" for a province
}

var (
	regionsOnce sync.Once
	regions     []Region
	regionsErr  error
)

// Regions returns the shipped regions in file order. It fails only if the
// embedded table is malformed, which a test guards against.
func Regions() ([]Region, error) {
	regionsOnce.Do(func() { regions, regionsErr = parseRegions(regionsCSV) })
	return regions, regionsErr
}

func parseRegions(text string) ([]Region, error) {
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("regions csv: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "code,name,level,parent_code" {
		return nil, fmt.Errorf("regions csv: unexpected header")
	}
	out := make([]Region, 0, len(rows)-1)
	for i, r := range rows[1:] {
		if len(r) != 4 || r[0] == "" || r[1] == "" {
			return nil, fmt.Errorf("regions csv line %d: want code,name,level,parent_code", i+2)
		}
		out = append(out, Region{Code: r[0], Name: r[1], Level: r[2], ParentCode: r[3]})
	}
	return out, nil
}
