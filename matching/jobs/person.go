package jobs

import (
	"fmt"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/vethub/vethub/feed"
)

// Person is one linked person: every record the departments hold about
// them, in any order, possibly several of one department.
type Person struct {
	ID      int64
	Records []feed.Record
}

// veteranFacts is the part of a veteran record matching reads.
type veteranFacts struct {
	EnlistDate           feed.Date `json:"enlistDate"`
	DischargeDate        feed.Date `json:"dischargeDate"`
	MilitarySpecialty    string    `json:"militarySpecialty"`
	DisabilityGrade      int       `json:"disabilityGrade"`
	PlacementStatus      string    `json:"placementStatus"`
	EmploymentStatus     string    `json:"employmentStatus"`
	Skills               []string  `json:"skills"`
	Education            string    `json:"education"`
	PreferredOccupations []string  `json:"preferredOccupations"`
	PreferredRegions     []string  `json:"preferredRegions"`
}

// served reports whether the record describes military service, as
// opposed to a survivor's or a serviceman's family member's record.
func (v *veteranFacts) served() bool {
	return !v.DischargeDate.IsZero() || !v.EnlistDate.IsZero() || v.MilitarySpecialty != ""
}

// healthFacts is the part of a health record matching reads.
type healthFacts struct {
	FunctionalDisability string `json:"functionalDisability"`
}

// decodeInto reads a record's attributes with the JSON v2 decoder, which
// skips the keys matching never reads. Attrs is the hub's canonical JSON.
func decodeInto(r *feed.Record, into any) error {
	if r == nil || len(r.Attrs) == 0 {
		return nil
	}
	if err := jsonv2.Unmarshal(r.Attrs, into); err != nil {
		return fmt.Errorf("jobs: record %s %q: attributes: %w", r.Department, r.SourceID, err)
	}
	return nil
}

// birthDate prefers a valid ID number's date (the law fixes it and it
// survives typing errors), then the veteran registry's birthDate, then the
// other departments'. The zero Date means unknown.
func birthDate(newest [3]*feed.Record) feed.Date {
	for _, r := range newest {
		if r != nil && r.IDValid && len(r.IDNumber) == 18 {
			if d, err := feed.ParseDate(r.IDNumber[6:10] + "-" + r.IDNumber[10:12] + "-" + r.IDNumber[12:14]); err == nil {
				return d
			}
		}
	}
	for _, r := range newest {
		if r != nil && !r.BirthDate.IsZero() {
			return r.BirthDate
		}
	}
	return feed.Date{}
}

// homeRegion takes the veteran registry's region code (the bureau keeps it
// by hand), made more precise by another department's code that extends it.
func homeRegion(newest [3]*feed.Record) string {
	home := ""
	for _, r := range newest {
		if r == nil || r.RegionCode == "" {
			continue
		}
		if home == "" || len(r.RegionCode) > len(home) && r.RegionCode[:len(home)] == home {
			home = r.RegionCode
		}
	}
	return home
}

// ageOf is the age in whole years on day, or -1 when birth is unknown.
func ageOf(birth, day feed.Date) int {
	if birth.IsZero() {
		return -1
	}
	return feed.AgeOn(birth, day)
}
