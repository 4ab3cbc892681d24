package synth

import (
	"testing"

	"github.com/vethub/vethub/matching"
)

// TestTruthCoversRecords: every record has exactly one truth entry and
// every truth entry a record; every person has a record; duplicates have
// their twin; coverage is near the intended shares.
func TestTruthCoversRecords(t *testing.T) {
	t.Parallel()
	ds := sharedData(t)
	perPerson := map[string]map[string]int{} // personKey → department → records
	for _, dept := range deptNames {
		seen := map[string]bool{}
		for _, r := range ds.feeds[dept] {
			id := str(r, "sourceId")
			if seen[id] {
				t.Fatalf("%s: sourceId %s twice", dept, id)
			}
			seen[id] = true
			key := ds.truthOf(t, dept, r).PersonKey
			if perPerson[key] == nil {
				perPerson[key] = map[string]int{}
			}
			perPerson[key][dept]++
		}
		if len(seen) != len(ds.truth[dept]) {
			t.Errorf("%s: %d records, %d truth entries", dept, len(seen), len(ds.truth[dept]))
		}
	}
	if len(ds.persons) != testPersons || len(perPerson) != testPersons {
		t.Fatalf("%d persons in truth, %d with records, want %d", len(ds.persons), len(perPerson), testPersons)
	}
	checkDuplicates(t, ds, perPerson)
	checkCoverage(t, ds, perPerson)
}

func checkDuplicates(t *testing.T, ds *dataset, perPerson map[string]map[string]int) {
	t.Helper()
	tagged := map[string]map[string]int{}
	total := 0
	for dept, entries := range ds.truth {
		for _, tr := range entries {
			if has(tr.Noise, "DUPLICATE") {
				if tagged[tr.PersonKey] == nil {
					tagged[tr.PersonKey] = map[string]int{}
				}
				tagged[tr.PersonKey][dept]++
				total++
			}
		}
	}
	for key, depts := range perPerson {
		for dept, n := range depts {
			if dups := tagged[key][dept]; n != 1+dups || dups > 1 {
				t.Errorf("%s: %d %s records, %d tagged DUPLICATE", key, n, dept, dups)
			}
		}
	}
	if total == 0 {
		t.Error("no duplicates at high noise")
	}
}

func checkCoverage(t *testing.T, ds *dataset, perPerson map[string]map[string]int) {
	t.Helper()
	for dept, want := range map[string]float64{"VETERAN": 0.85, "CIVIL": 0.45, "HEALTH": 0.65} {
		n := 0
		for _, depts := range perPerson {
			if depts[dept] > 0 {
				n++
			}
		}
		if got := float64(n) / testPersons; got < want-0.06 || got > want+0.06 {
			t.Errorf("%s covers %.3f of persons, want about %.2f", dept, got, want)
		}
	}
}

// TestTrueIDsUnique: no two persons share an ID number, and each is valid.
func TestTrueIDsUnique(t *testing.T) {
	t.Parallel()
	ds := sharedData(t)
	seen := map[string]string{}
	for key, p := range ds.persons {
		id := p["idNumber"].(string)
		if other, ok := seen[id]; ok {
			t.Errorf("%s and %s share ID %s", key, other, id)
		}
		seen[id] = key
		if !matching.ParseIDNumber(id).Valid {
			t.Errorf("%s: invalid ID %s", key, id)
		}
	}
}
