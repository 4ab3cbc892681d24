package jobs

import (
	"encoding/json"
	"testing"

	"github.com/vethub/vethub/feed"
)

// testToday is the evaluation day of the hand-made persons and postings.
var testToday = feed.NewDate(2026, 11, 1)

func ptr[T any](v T) *T { return &v }

// veteranRecord is a stored veteran record with the given attributes,
// living in region, born on 1990-05-01 (aged 36 on testToday).
func veteranRecord(t testing.TB, region string, v feed.Veteran) feed.Record {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return feed.Record{
		Department: feed.DepartmentVeteran, SourceID: "TY1", SourceVersion: 1, AsOf: testToday.AddDays(-30),
		Name: "王伟", RegionCode: region, BirthDate: feed.NewDate(1990, 5, 1), Attrs: raw,
	}
}

// seeker is an unemployed driver in 开化县华埠镇 who wants freight work
// and holds an A2 licence.
func seeker(t testing.TB) feed.Veteran {
	t.Helper()
	return feed.Veteran{
		DischargeDate: feed.NewDate(2012, 12, 1), MilitarySpecialty: "汽车驾驶", EmploymentStatus: "UNEMPLOYED",
		PlacementStatus: "NOT_APPLICABLE", Skills: []string{"机动车驾驶证A2"}, Education: "SENIOR_HIGH",
		PreferredOccupations: []string{"4-02-02-02"}, PreferredRegions: []string{"330824"},
	}
}

func profileOf(t testing.TB, recs ...feed.Record) Profile {
	t.Helper()
	p, err := NewProfile(Person{ID: 7, Records: recs}, testToday)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// posting is an open freight-driver posting in 开化县 needing a B2
// licence; change fields to make variants.
func posting() Posting {
	return NewPosting(feed.Job{
		SourceID: "JY-1", OccupationCode: "4-02-02-02", RegionCode: "330824103", RequiredSkills: []string{"机动车驾驶证B2"},
		MinEducation: "JUNIOR_HIGH", MinAge: ptr(22), MaxAge: ptr(55), PhysicalDemand: "MEDIUM",
		SalaryMax: ptr(9000.0), Openings: 2, VeteranPreferred: ptr(true), ClosesOn: testToday.AddDays(30),
	}, 0)
}

func reasonCodes(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}
