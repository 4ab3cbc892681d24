package jobs

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/goccy/go-yaml"

	"github.com/vethub/vethub/feed"
)

// PlacementRule is a validated placement scoring rule: versions by
// discharge date and the tie-break. It is immutable and safe to share.
type PlacementRule struct {
	versions []ruleVersion // oldest dischargedFrom first
	tieBreak []string
}

type ruleVersion struct {
	ID     string
	from   feed.Date
	points versionPoints
}

type versionPoints struct {
	ServiceYears   serviceYears                  `yaml:"serviceYears"`
	Merits         map[string]map[string]float64 `yaml:"merits"` // peacetime|wartime → merit → points
	Commendations  map[string]float64            `yaml:"commendations"`
	Disability     map[string]map[int]float64    `yaml:"disability"`
	HardshipPerMon map[int]float64               `yaml:"hardshipPerMonth"`
	Deductions     map[string]float64            `yaml:"deductions"`
	ChooseFirst    []string                      `yaml:"chooseFirst"`
}

type serviceYears struct {
	PointsPerYear       float64 `yaml:"pointsPerYear"`
	UpToYears           float64 `yaml:"upToYears"`
	PointsPerYearBeyond float64 `yaml:"pointsPerYearBeyond"`
	HalfYearBelowMonths int     `yaml:"halfYearBelowMonths"`
}

type placementFile struct {
	Versions []struct {
		ID             string        `yaml:"id"`
		DischargedFrom string        `yaml:"dischargedFrom"`
		Points         versionPoints `yaml:",inline"`
	} `yaml:"versions"`
	TieBreak []string `yaml:"tieBreak"`
}

//go:embed data/placement.yaml
var placementYAML []byte

var defaultPlacement = sync.OnceValues(func() (*PlacementRule, error) { return ParsePlacementRule(placementYAML) })

// DefaultPlacementRule returns the shipped rule (data/placement.yaml). It
// panics if the embedded file is invalid, which the tests rule out.
func DefaultPlacementRule() *PlacementRule {
	r, err := defaultPlacement()
	if err != nil {
		panic(err)
	}
	return r
}

var tieBreakKeys = []string{"serviceMonths", "birthDate", "id"}

// ParsePlacementRule reads a rule in the form of data/placement.yaml,
// refusing unknown keys. It fails without versions, on a version without
// an id or a real dischargedFrom date, on two versions with one date, and
// on an unknown tie-break key.
func ParsePlacementRule(data []byte) (*PlacementRule, error) {
	var f placementFile
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("jobs: placement rule: %s", yaml.FormatError(err, false, false))
	}
	if len(f.Versions) == 0 {
		return nil, fmt.Errorf("jobs: placement rule: no versions")
	}
	r := &PlacementRule{tieBreak: f.TieBreak}
	for _, v := range f.Versions {
		from, err := feed.ParseDate(v.DischargedFrom)
		if err != nil || v.ID == "" {
			return nil, fmt.Errorf("jobs: placement rule: version %q needs an id and dischargedFrom YYYY-MM-DD", v.ID)
		}
		r.versions = append(r.versions, ruleVersion{ID: v.ID, from: from, points: v.Points})
	}
	sort.SliceStable(r.versions, func(i, j int) bool { return r.versions[i].from.Before(r.versions[j].from.Time) })
	for i := 1; i < len(r.versions); i++ {
		if r.versions[i].from.Equal(r.versions[i-1].from.Time) {
			return nil, fmt.Errorf("jobs: placement rule: versions %q and %q share dischargedFrom", r.versions[i-1].ID, r.versions[i].ID)
		}
	}
	for _, k := range r.tieBreak {
		if !slices.Contains(tieBreakKeys, k) {
			return nil, fmt.Errorf("jobs: placement rule: tie-break key %q: want one of %v", k, tieBreakKeys)
		}
	}
	return r, nil
}

// version is the newest version in force on a discharge date; a date
// before every version takes the oldest, an unknown one the newest.
func (r *PlacementRule) version(discharge feed.Date) *ruleVersion {
	if discharge.IsZero() {
		return &r.versions[len(r.versions)-1]
	}
	v := &r.versions[0]
	for i := range r.versions {
		if !r.versions[i].from.After(discharge.Time) {
			v = &r.versions[i]
		}
	}
	return v
}
