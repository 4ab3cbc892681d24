package synth

import (
	"strings"
	"testing"
	"time"

	"github.com/vethub/vethub/matching"
)

var personKeys = []string{"sourceId", "sourceVersion", "asOf", "name", "sex", "birthDate", "regionCode"}

// TestRecordsWellFormed checks every person record's keys, dates and
// identity against the truth: fields without a noise tag equal the true
// identity, and each tag shows in the field it names.
func TestRecordsWellFormed(t *testing.T) {
	t.Parallel()
	ds := sharedData(t)
	for _, dept := range deptNames {
		t.Run(dept, func(t *testing.T) {
			t.Parallel()
			if len(ds.feeds[dept]) == 0 {
				t.Fatal("no records")
			}
			for _, r := range ds.feeds[dept] {
				tr := ds.truthOf(t, dept, r)
				checkKeys(t, dept, r)
				checkIdentity(t, r, tr, ds.persons[tr.PersonKey])
			}
		})
	}
}

func checkKeys(t *testing.T, dept string, r record) {
	t.Helper()
	for _, k := range personKeys {
		if _, ok := r[k]; !ok {
			t.Fatalf("%s %s lacks %s", dept, str(r, "sourceId"), k)
		}
	}
	for _, k := range []string{"asOf", "birthDate", "enlistDate", "dischargeDate", "employmentSince"} {
		if v, ok := r[k]; ok {
			if _, err := time.Parse(time.DateOnly, v.(string)); err != nil {
				t.Errorf("%s %s: %s %v", dept, str(r, "sourceId"), k, err)
			}
		}
	}
	if asOf := str(r, "asOf"); asOf > "2026-11-01" || asOf < "2024-11-01" {
		t.Errorf("%s %s: asOf %s not within two years of today", dept, str(r, "sourceId"), asOf)
	}
	if e, d := str(r, "enlistDate"), str(r, "dischargeDate"); e != "" && !(e < d && d <= str(r, "asOf")) {
		t.Errorf("%s: enlist %s, discharge %s, asOf %s out of order", str(r, "sourceId"), e, d, str(r, "asOf"))
	}
	if dept == "HEALTH" && num(r, "medicalCostTotal")+0.005 < num(r, "insurancePaid")+num(r, "outOfPocket") {
		t.Errorf("%s: total %v < insurance %v + out of pocket %v", str(r, "sourceId"),
			r["medicalCostTotal"], r["insurancePaid"], r["outOfPocket"])
	}
}

// checkIdentity compares a record's identity with the true person's.
func checkIdentity(t *testing.T, r record, tr truthRecord, p map[string]any) {
	t.Helper()
	if p == nil {
		t.Fatalf("%s: person %s not in truth/persons", str(r, "sourceId"), tr.PersonKey)
	}
	id, trueID := str(r, "idNumber"), p["idNumber"].(string)
	if !matching.ParseIDNumber(trueID).Valid {
		t.Errorf("%s: true ID %s is not valid", tr.PersonKey, trueID)
	}
	tagged := func(tag string) bool { return has(tr.Noise, tag) }
	switch {
	case tagged("ID_MISSING"):
		if id != "" {
			t.Errorf("%s: ID_MISSING but idNumber %s", str(r, "sourceId"), id)
		}
	case tagged("ID_LEGACY15"):
		if up, ok := matching.UpgradeLegacyID(id); !ok || up != trueID {
			t.Errorf("%s: legacy %s does not upgrade to %s", str(r, "sourceId"), id, trueID)
		}
	case tagged("ID_MISTYPED"):
		if len(id) != 18 || id == trueID {
			t.Errorf("%s: mistyped %s vs %s", str(r, "sourceId"), id, trueID)
		}
	case id != trueID:
		t.Errorf("%s: idNumber %s, true %s, no ID tag", str(r, "sourceId"), id, trueID)
	}
	nameNoise := tagged("NAME_HOMOPHONE") || tagged("NAME_TRADITIONAL")
	if name := str(r, "name"); nameNoise == (name == p["name"]) {
		t.Errorf("%s: name %s vs true %s, tags %v", str(r, "sourceId"), name, p["name"], tr.Noise)
	}
	if b := str(r, "birthDate"); tagged("BIRTHDATE_SWAPPED") == (b == p["birthDate"]) {
		t.Errorf("%s: birthDate %s vs true %s, tags %v", str(r, "sourceId"), b, p["birthDate"], tr.Noise)
	}
	if ph := str(r, "phone"); ph != "" && tagged("PHONE_CHANGED") == (ph == p["phone"]) {
		t.Errorf("%s: phone %s vs true %s, tags %v", str(r, "sourceId"), ph, p["phone"], tr.Noise)
	}
	checkAddress(t, r, tr, p)
}

func checkAddress(t *testing.T, r record, tr truthRecord, p map[string]any) {
	t.Helper()
	region, trueRegion := str(r, "regionCode"), p["regionCode"].(string)
	moved := has(tr.Noise, "ADDRESS_MOVED")
	sameCounty := strings.HasPrefix(region, trueRegion[:6])
	sameTown := strings.HasPrefix(trueRegion, region) // a 6-digit code cannot tell
	if !sameCounty || (len(region) > 6 && moved == sameTown) {
		t.Errorf("%s: regionCode %s vs true %s, tags %v", str(r, "sourceId"), region, trueRegion, tr.Noise)
	}
	addr := str(r, "address")
	if addr == "" {
		return
	}
	changed := moved || has(tr.Noise, "ADDRESS_REWRITTEN")
	if changed == (addr == p["address"]) {
		t.Errorf("%s: address %s vs true %s, tags %v", str(r, "sourceId"), addr, p["address"], tr.Noise)
	}
}

// TestJobsWellFormed checks the postings: keys, ranges, closing dates.
func TestJobsWellFormed(t *testing.T) {
	t.Parallel()
	ds := sharedData(t)
	if got, want := len(ds.feeds["JOBS"]), testPersons/10; got != want {
		t.Fatalf("%d jobs, want %d", got, want)
	}
	seen := map[string]bool{}
	for _, j := range ds.feeds["JOBS"] {
		id := str(j, "sourceId")
		if seen[id] {
			t.Fatalf("duplicate job %s", id)
		}
		seen[id] = true
		if lo, hi := num(j, "salaryMin"), num(j, "salaryMax"); lo < 3000 || hi > 12000 || lo > hi {
			t.Errorf("%s: salary %v–%v", id, lo, hi)
		}
		if c := str(j, "closesOn"); c <= "2026-11-01" {
			t.Errorf("%s: closesOn %s not after today", id, c)
		}
		if num(j, "minAge") > num(j, "maxAge") || num(j, "openings") < 1 || str(j, "title") == "" {
			t.Errorf("%s: bad ages, openings or title: %v", id, j)
		}
	}
}
