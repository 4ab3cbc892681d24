package jobs

import (
	"slices"
	"testing"

	"github.com/vethub/vethub/feed"
)

func TestProfileFromRecords(t *testing.T) {
	t.Parallel()
	health := feed.Record{Department: feed.DepartmentHealth, SourceID: "WJ1", AsOf: testToday, RegionCode: "330824103004",
		Attrs: []byte(`{"functionalDisability":"SEVERE"}`)}
	p := profileOf(t, veteranRecord(t, "330824103", seeker(t)), health)
	if !p.Seeking || !p.Veteran || p.Age != 36 || p.Region != "330824103004" {
		t.Errorf("seeking %v veteran %v age %d region %s", p.Seeking, p.Veteran, p.Age, p.Region)
	}
	if p.MaxDemand != DemandLight || p.DemandLimit != "severe functional disability" {
		t.Errorf("capacity %v (%s), want LIGHT for a severe disability", p.MaxDemand, p.DemandLimit)
	}
	want := []string{"机动车驾驶证A2", "机动车驾驶证B2", "机动车驾驶证C1"}
	if !slices.Equal(p.Certificates, want) {
		t.Errorf("certificates %v, want %v (A2 implies B2 and C1)", p.Certificates, want)
	}
	if got := p.Families(); !slices.Equal(got, []string{"4-02", "4-12"}) {
		t.Errorf("families %v", got)
	}
	if p.Targets[1].Code != "4-02-02-02" || p.Targets[1].Level != FitPreferred {
		t.Errorf("targets %v: the preferred freight code must win over the crosswalk", p.Targets)
	}
}

func TestNewestRecordWins(t *testing.T) {
	t.Parallel()
	old := veteranRecord(t, "330824103", seeker(t))
	employed := seeker(t)
	employed.EmploymentStatus = "EMPLOYED"
	newer := veteranRecord(t, "330824103", employed)
	newer.SourceID, newer.AsOf = "TY2", testToday
	for _, recs := range [][]feed.Record{{old, newer}, {newer, old}} {
		if p := profileOf(t, recs...); p.Seeking {
			t.Errorf("the newer record says EMPLOYED, yet the profile is seeking")
		}
	}
}

func TestScoreFilters(t *testing.T) {
	t.Parallel()
	base := seeker(t)
	tests := []struct {
		name    string
		vet     func(*feed.Veteran)
		job     func(*Posting)
		want    string
		matches bool
	}{
		{"fits", nil, nil, "", true},
		{"closed", nil, func(j *Posting) { j.ClosesOn = testToday.AddDays(-1) }, ReasonClosed, false},
		{"full", nil, func(j *Posting) { j.Filled = 2 }, ReasonClosed, false},
		{"withdrawn", nil, func(j *Posting) { j.Closed = true }, ReasonClosed, false},
		{"other occupation", nil, func(j *Posting) { j.Occupation = "4-03-02-01" }, ReasonNoOccupation, false},
		{"too old", nil, func(j *Posting) { j.MaxAge = 35 }, ReasonAgeLimit, false},
		{"too little schooling", func(v *feed.Veteran) { v.Education = "PRIMARY" }, nil, ReasonEducationLimit, false},
		{"missing licence", func(v *feed.Veteran) { v.Skills = []string{"电工证"} }, nil, ReasonMissingCert, false},
		{"unknown certificates pass", func(v *feed.Veteran) { v.Skills = nil }, nil, "", true},
		{"medium work for a grade 5 disability", func(v *feed.Veteran) { v.DisabilityGrade = 5 }, nil, ReasonPhysicalDemand, false},
		{"other province, not preferred", nil, func(j *Posting) { j.Region = "440310001" }, ReasonOutOfReach, false},
		{"other province, preferred", func(v *feed.Veteran) { v.PreferredRegions = []string{"440310"} },
			func(j *Posting) { j.Region = "440310001" }, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := base
			if tc.vet != nil {
				tc.vet(&v)
			}
			p := profileOf(t, veteranRecord(t, "330824103", v))
			j := posting()
			if tc.job != nil {
				tc.job(&j)
			}
			m, ok := Score(&p, &j, testToday)
			if ok != tc.matches {
				t.Fatalf("ok %v, want %v: %v", ok, tc.matches, m.Reasons)
			}
			if !ok && (len(m.Reasons) != 1 || m.Reasons[0].Code != tc.want) {
				t.Errorf("reasons %v, want %s", m.Reasons, tc.want)
			}
		})
	}
}

func TestScoreComponents(t *testing.T) {
	t.Parallel()
	p := profileOf(t, veteranRecord(t, "330824103", seeker(t)))
	j := posting()
	m, ok := Score(&p, &j, testToday)
	if !ok {
		t.Fatalf("no match: %v", m.Reasons)
	}
	want := []string{ReasonOccupation, ReasonRegion, ReasonCertificates, ReasonEducation, ReasonAge, ReasonVeteranPreferred, ReasonSalary}
	if got := reasonCodes(m.Reasons); !slices.Equal(got, want) {
		t.Errorf("reasons %v, want %v", got, want)
	}
	sum := 0.0
	for _, r := range m.Reasons {
		sum += r.Points
	}
	if m.Score != 40+30+16+3+3+4+3 || sum != m.Score {
		t.Errorf("score %v, reasons sum to %v; want 99", m.Score, sum)
	}
}

// Closer and preferred places rank higher; a specialty match ranks below
// a preferred occupation.
func TestScoreOrdersByFitAndPlace(t *testing.T) {
	t.Parallel()
	v := seeker(t)
	v.PreferredRegions = nil
	p := profileOf(t, veteranRecord(t, "330824103", v))
	score := func(occ, region string) float64 {
		j := posting()
		j.Occupation, j.Region, j.RequiredSkills = occ, region, nil
		m, ok := Score(&p, &j, testToday)
		if !ok {
			t.Fatalf("%s in %s: %v", occ, region, m.Reasons)
		}
		return m.Score
	}
	town, county, prefecture := score("4-02-02-02", "330824103"), score("4-02-02-02", "330824104"), score("4-02-02-02", "330803001")
	if !(town > county && county > prefecture) {
		t.Errorf("township %v, county %v, prefecture %v: want decreasing", town, county, prefecture)
	}
	if pref, primary := score("4-02-02-02", "330824104"), score("4-02-02-01", "330824104"); pref <= primary {
		t.Errorf("preferred occupation %v not above specialty match %v", pref, primary)
	}
}
