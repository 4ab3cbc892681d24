package hardship

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/vethub/vethub/feed"
)

// troubledVeteran has several flags and a duplicated civil record.
func troubledVeteran(t testing.TB) []feed.Record {
	vet := record(t, feed.DepartmentVeteran, "TY1", monthsAgo(1), "330824", feed.Veteran{
		DischargeDate: date(t, "2025-09-01"), DischargeMode: "SELF_EMPLOYMENT", DisabilityGrade: 3,
		EmploymentStatus: "UNEMPLOYED", EmploymentSince: date(t, "2026-03-01"), EntitledGroups: []string{"DISABLED_SERVICEMAN"},
	})
	civil := poorCivil(t, monthsAgo(3), "330824103", 600)
	twin := poorCivil(t, monthsAgo(3), "330824103", 600)
	twin.SourceID, twin.SourceVersion = "MZ9", 2
	health := record(t, feed.DepartmentHealth, "WJ1", monthsAgo(2), "330824", feed.Health{
		SeriousIllnesses: []string{"C34"}, CostYear: 2025, OutOfPocket: ptr(9000.0),
	})
	return []feed.Record{vet, civil, twin, health}
}

// The same records give the same flags in whatever order, every time.
func TestEvaluateIsDeterministic(t *testing.T) {
	t.Parallel()
	recs := troubledVeteran(t)
	want := evaluate(t, nil, recs...)
	if got := ruleIDs(want); len(got) != 4 {
		t.Fatalf("flags %v, want four", got)
	}
	if want[0].Priority != PriorityHigh || want[len(want)-1].Priority != PriorityMedium {
		t.Errorf("flags not sorted by priority: %v", ruleIDs(want))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		r.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		if got := evaluate(t, nil, recs...); !reflect.DeepEqual(got, want) {
			t.Fatalf("order changed the flags:\n got %+v\nwant %+v", got, want)
		}
	}
}

// The fingerprint ignores re-confirmation, duplicates, small changes and
// passing days; it changes with the evidence.
func TestFingerprint(t *testing.T) {
	t.Parallel()
	base := fingerprints(t, testToday, troubledVeteran(t)...)
	same := map[string]func([]feed.Record){
		"re-confirmed": func(r []feed.Record) { r[1].AsOf, r[1].SourceVersion = date(t, monthsAgo(0)), 5 },
		"income cents differ": func(r []feed.Record) {
			r[1] = poorCivil(t, monthsAgo(3), "330824103", 601.5)
			r[2] = poorCivil(t, monthsAgo(3), "330824103", 601.5)
		},
	}
	for name, change := range same {
		recs := troubledVeteran(t)
		change(recs)
		if got := fingerprints(t, testToday, recs...); !reflect.DeepEqual(got, base) {
			t.Errorf("%s: fingerprints changed\n got %v\nwant %v", name, got, base)
		}
	}
	if got := fingerprints(t, testToday.AddDate(0, 0, 3), troubledVeteran(t)...); !reflect.DeepEqual(got, base) {
		t.Errorf("three days later: fingerprints changed\n got %v\nwant %v", got, base)
	}
	recs := troubledVeteran(t)
	recs[1] = poorCivil(t, monthsAgo(3), "330824103", 300)
	recs[2] = poorCivil(t, monthsAgo(3), "330824103", 300)
	got := fingerprints(t, testToday, recs...)
	if got["UNCOVERED_LOW_INCOME"] == base["UNCOVERED_LOW_INCOME"] {
		t.Error("income halved: fingerprint unchanged")
	}
	if got["DISABLED_VETERAN_SERIOUS_ILLNESS"] != base["DISABLED_VETERAN_SERIOUS_ILLNESS"] {
		t.Error("income changed: an unrelated flag's fingerprint changed")
	}
}

func fingerprints(t testing.TB, today time.Time, recs ...feed.Record) map[string]string {
	t.Helper()
	flags, err := Evaluate(Default(), Person{ID: 1, Records: recs}, today)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range flags {
		out[f.Rule] = f.Fingerprint
	}
	return out
}
