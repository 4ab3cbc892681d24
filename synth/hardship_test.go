package synth

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// TestHardshipInData re-derives every situation from the feeds alone (an
// independent reading of the rules in params.json) and compares with
// truth/hardship.ndjson in both directions; each situation must be planted
// in a few percent of persons (survivors: of survivors).
func TestHardshipInData(t *testing.T) {
	t.Parallel()
	ds := sharedData(t)
	want := readHardship(t, ds)
	got := map[string]bool{}
	vet, civ, hea := ds.firstRecords(t, "VETERAN"), ds.firstRecords(t, "CIVIL"), ds.firstRecords(t, "HEALTH")
	std := dibaoByCounty(ds)
	for key, p := range ds.persons {
		f := facts{vet: vet[key], civ: civ[key], hea: hea[key], std: std[p["regionCode"].(string)[:6]],
			birth: p["birthDate"].(string)}
		for _, s := range f.situations() {
			got[key+" "+s] = true
		}
	}
	counts := map[string]int{}
	for k := range want {
		if !got[k] {
			t.Errorf("truth lists %s, the data does not show it", k)
		}
		counts[k[10:]]++
	}
	for k := range got {
		if !want[k] {
			t.Errorf("the data shows %s, truth does not list it", k)
		}
	}
	for _, s := range situationNames {
		share := float64(counts[s]) / testPersons
		if s != "SURVIVOR_HARDSHIP" && (share < 0.008 || share > 0.06) {
			t.Errorf("%s in %.3f of persons, want a few percent", s, share)
		}
		if counts[s] == 0 {
			t.Errorf("%s never planted", s)
		}
	}
}

func readHardship(t *testing.T, ds *dataset) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := eachLine(filepath.Join(ds.dir, "truth", "hardship.ndjson"), func(b []byte) error {
		var h struct {
			PersonKey string         `json:"personKey"`
			Situation string         `json:"situation"`
			Evidence  map[string]any `json:"evidence"`
		}
		if err := json.Unmarshal(b, &h); err != nil {
			return err
		}
		if len(h.Evidence) == 0 {
			t.Errorf("%s %s: no evidence", h.PersonKey, h.Situation)
		}
		out[h.PersonKey+" "+h.Situation] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func dibaoByCounty(ds *dataset) map[string]float64 {
	out := map[string]float64{}
	for _, d := range ds.params["dibaoStandards"].([]any) {
		m := d.(map[string]any)
		out[m["county"].(string)] = m["monthlyStandard"].(float64)
	}
	return out
}

// facts is what the three departments' records say about one person.
type facts struct {
	vet, civ, hea record
	std           float64
	birth         string
}

var today = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func (f facts) situations() []string {
	var out []string
	add := func(ok bool, s string) {
		if ok {
			out = append(out, s)
		}
	}
	c, h, v := f.civ, f.hea, f.vet
	if c != nil {
		income := num(c, "perCapitaMonthlyIncome")
		add(income < f.std && str(c, "dibaoStatus") == "NONE" && c["extremePoverty"] == false, "UNCOVERED_LOW_INCOME")
		add(recentAid(c) >= 3, "REPEATED_TEMPORARY_ASSISTANCE")
		if h != nil {
			add(num(h, "outOfPocket") > 0.4*income*num(c, "householdSize")*12, "MEDICAL_BURDEN")
			add(c["livingAlone"] == true && (str(h, "functionalDisability") == "SEVERE" || h["dementia"] == true), "SEVERE_DISABILITY_ALONE")
		}
		if v != nil {
			groups := strs(v, "entitledGroups")
			add(len(groups) > 0 && c["livingAlone"] == true && ageOn(f.birth) >= 70, "ELDERLY_ENTITLED_ALONE")
			survivor := has(groups, "MARTYR_SURVIVOR") || has(groups, "DUTY_DEATH_SURVIVOR") || has(groups, "ILLNESS_DEATH_SURVIVOR")
			add(survivor && income < 1.5*f.std, "SURVIVOR_HARDSHIP")
		}
	}
	if v != nil && h != nil {
		g := num(v, "disabilityGrade")
		add(g >= 1 && g <= 4 && len(strs(h, "seriousIllnesses")) > 0, "DISABLED_VETERAN_SERIOUS_ILLNESS")
	}
	if v != nil && str(v, "dischargeMode") == "SELF_EMPLOYMENT" && str(v, "employmentStatus") == "UNEMPLOYED" {
		discharged, _ := time.Parse(time.DateOnly, str(v, "dischargeDate"))
		since, _ := time.Parse(time.DateOnly, str(v, "employmentSince"))
		add(discharged.After(today.AddDate(-2, 0, 0)) && today.Sub(since) >= 90*24*time.Hour, "UNEMPLOYED_RECENT_VETERAN")
	}
	sort.Strings(out)
	return out
}

func recentAid(c record) int {
	n := 0
	for _, a := range c["temporaryAssistance"].([]any) {
		d, _ := time.Parse(time.DateOnly, a.(map[string]any)["date"].(string))
		if d.After(today.AddDate(0, 0, -365)) && !d.After(today) {
			n++
		}
	}
	return n
}

func ageOn(birth string) int {
	b, _ := time.Parse(time.DateOnly, birth)
	age := today.Year() - b.Year()
	if today.Month() < b.Month() || (today.Month() == b.Month() && today.Day() < b.Day()) {
		age--
	}
	return age
}

// TestPlantedOnly: every situation the data shows was planted (or implied
// by a household's plant), so the rest of the population is clearly
// outside the rules; and almost every plant shows.
func TestPlantedOnly(t *testing.T) {
	t.Parallel()
	cfg, err := Config{Persons: 3 * shardSize, Seed: 5}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWorld(cfg)
	if err != nil {
		t.Fatal(err)
	}
	planted, shown := 0, 0
	for s := range 3 {
		for _, p := range w.shardPersons(s) {
			if extra := p.found &^ p.planted; extra != 0 {
				t.Errorf("P%d (%s): situations %b not planted (planted %b)", p.index+1, roleNames[p.role], extra, p.planted)
			}
			planted += popcount(uint32(p.planted))
			shown += popcount(uint32(p.found & p.planted))
		}
	}
	if float64(shown) < 0.97*float64(planted) {
		t.Errorf("%d of %d planted situations show in the data", shown, planted)
	}
}
