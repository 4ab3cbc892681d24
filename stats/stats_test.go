package stats

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestAncestors(t *testing.T) {
	for code, want := range map[string][]string{
		"330824101001": {"330824101001", "330824101", "330824", "330800", "330000"},
		"330824101":    {"330824101", "330824", "330800", "330000"},
		"330824":       {"330824", "330800", "330000"},
		"330800":       {"330800", "330000"},
		"330000":       {"330000"},
	} {
		if got := Ancestors(code); !slices.Equal(got, want) {
			t.Errorf("Ancestors(%s) = %v, want %v", code, got, want)
		}
	}
	if p := Parent("330824101"); p != "330824" {
		t.Errorf("Parent(330824101) = %q", p)
	}
	if p := Parent("330000"); p != "" {
		t.Errorf("Parent(330000) = %q, want none", p)
	}
}

func TestMonths(t *testing.T) {
	if got := Months(202611, 202702); !slices.Equal(got, []Month{202611, 202612, 202701, 202702}) {
		t.Errorf("Months = %v", got)
	}
	if m := Month(202602); m.Last().Day() != 28 || m.String() != "2026-02" {
		t.Errorf("202602: last %v, %s", m.Last(), m)
	}
}

// randomFacts makes a person or posting with random facts, sometimes none.
func randomFacts(r *rand.Rand) Facts {
	pick := func(vals ...string) string { return vals[r.IntN(len(vals))] }
	month := func() Month { return Month(2025*100 + 1 + r.IntN(12)) }
	region := pick("330824101001", "330824101", "330824102", "330824", "341103001")
	switch r.IntN(5) {
	case 0:
		return Facts{}
	case 1:
		return PostingFactsOf(region, month().First(), r.IntN(5), r.IntN(2) == 0)
	}
	p := &PersonFacts{Region: region, Since: month(), Records: map[string][]Month{"VETERAN": {month()}}}
	p.Veteran = &VeteranFacts{Since: p.Since, DischargeMode: pick("", "SELF_EMPLOYMENT", "RETIREMENT"),
		Groups: []string{pick("WAR_VETERAN", "DISABLED_SERVICEMAN")}[:r.IntN(2)], Card: pick("ISSUED", "APPLIED", ""),
		Placement: pick("PLACED", "PENDING"), Disability: r.IntN(11), Certificates: r.IntN(3), BenefitFen: int64(r.IntN(3)) * 10000}
	if r.IntN(2) == 0 {
		p.Records["CIVIL"] = []Month{month(), month()}
		p.Civil = &CivilFacts{Since: month(), Dibao: pick("RECEIVING", "NONE"), DibaoFen: 50000,
			Payments: []Payment{{month(), 20000}}}
	}
	if r.IntN(2) == 0 {
		c := CaseFacts{Region: region, Category: pick("DIBAO_GAP", "MEDICAL"), Priority: pick("HIGH", "LOW"),
			Opened: month(), Status: "OPEN"}
		if r.IntN(2) == 0 {
			c.Status, c.Ended, c.Days = pick("CLOSED", "DISMISSED"), c.Opened.Next(), r.IntN(40)
		}
		c.Actions = []ActionFacts{{Kind: "JOB_REFERRAL", Created: c.Opened, Done: c.Ended}, {Kind: "TEMPORARY_ASSISTANCE", Created: c.Opened, Done: c.Opened, Fen: 30000}}
		p.Cases = append(p.Cases, c)
	}
	return Facts{Person: p}
}

// The counters moved by every change's Delta equal the counters of the
// final facts computed from scratch: folding is exact, in any order.
func TestDeltasAddUpToFreshCounters(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	current := make([]Facts, 50)
	counters := map[Key]int64{}
	for step := 0; step < 2000; step++ {
		i := r.IntN(len(current))
		next := randomFacts(r)
		for _, it := range Delta(current[i], next) {
			counters[it.Key] += it.Value
		}
		current[i] = next
	}
	fresh := map[Key]int64{}
	for _, f := range current {
		for _, it := range Delta(Facts{}, f) {
			fresh[it.Key] += it.Value
		}
	}
	for k, v := range counters {
		if fresh[k] != v {
			t.Fatalf("%+v: folded %d, fresh %d", k, v, fresh[k])
		}
	}
	for k, v := range fresh {
		if counters[k] != v {
			t.Fatalf("%+v: fresh %d, folded %d", k, v, counters[k])
		}
	}
	if len(fresh) == 0 {
		t.Fatal("no counters at all")
	}
}

func TestDeltaOfUnchangedFactsIsEmpty(t *testing.T) {
	f := randomFacts(rand.New(rand.NewPCG(1, 2)))
	for f.Empty() {
		f = randomFacts(rand.New(rand.NewPCG(3, 4)))
	}
	if d := Delta(f, f); len(d) != 0 {
		t.Errorf("unchanged facts move counters: %v", d)
	}
}

func TestSuppression(t *testing.T) {
	s := Suppressor{Min: 5}
	for n, want := range map[int64]string{0: "0", 1: "<5", 4: "<5", 5: "5", 6899: "6,899", 1234567: "1,234,567"} {
		c := s.Count(n)
		if c.Display != want || c.Suppressed != (want == "<5") || (c.Value == nil) != c.Suppressed {
			t.Errorf("Count(%d) = %+v, want %q", n, c, want)
		}
	}
	if r := s.Rate(6713, 6899); r.Display != "97.30%" || r.Suppressed {
		t.Errorf("Rate = %+v", r)
	}
	if r := s.Rate(3, 6899); !r.Suppressed || r.Value != nil {
		t.Errorf("a rate over a suppressed count must be suppressed: %+v", r)
	}
	if r := s.Rate(0, 0); r.Display != "-" || r.Value != nil {
		t.Errorf("Rate(0, 0) = %+v", r)
	}
	if a := s.Amount(123456789, 10); a.Display != "1,234,567.89" || *a.Yuan != 1234567.89 {
		t.Errorf("Amount = %+v", a)
	}
	if a := s.Amount(500000, 2); !a.Suppressed || a.Yuan != nil {
		t.Errorf("an amount paid to 2 persons must be suppressed: %+v", a)
	}
	if c := (Suppressor{Min: 1}).Count(1); c.Suppressed {
		t.Error("Min 1 suppresses nothing")
	}
}

func TestMedian(t *testing.T) {
	s := Suppressor{Min: 1}
	for _, tc := range []struct {
		hist map[int]int64
		want float64
	}{
		{map[int]int64{3: 1, 10: 1, 40: 1}, 10},
		{map[int]int64{3: 2, 10: 2}, 6.5},
		{map[int]int64{7: 5}, 7},
		{map[int]int64{1: 1, 2: 1, 100: 3}, 100},
	} {
		if m := s.Median(tc.hist); m.Days == nil || *m.Days != tc.want {
			t.Errorf("Median(%v) = %+v, want %v", tc.hist, m, tc.want)
		}
	}
	if m := (Suppressor{Min: 5}).Median(map[int]int64{3: 4}); !m.Suppressed {
		t.Errorf("a median of 4 cases must be suppressed: %+v", m)
	}
}

// Levels sum up to the period's end; activity only within the period.
func TestTotalsStockAndFlow(t *testing.T) {
	rows := []Row{
		{202501, MVeterans, "", 10}, {202503, MVeterans, "", 5}, {202506, MVeterans, "", 100},
		{202501, MCasesOpened, "DIBAO_GAP|HIGH", 7}, {202503, MCasesOpened, "DIBAO_GAP|HIGH", 9},
	}
	tot := TotalsOf(rows, 202502, 202504)
	if v := tot.value(MVeterans, ""); v != 15 {
		t.Errorf("veterans as of 2025-04 = %d, want 15", v)
	}
	if v := tot.value(MCasesOpened, "DIBAO_GAP|HIGH"); v != 9 {
		t.Errorf("cases opened in 2025-02..04 = %d, want 9", v)
	}
}

func TestFiguresOfVeterans(t *testing.T) {
	var all []Item
	for i := range 10 {
		card := "ISSUED"
		if i == 0 {
			card = "APPLIED"
		}
		f := Facts{Person: &PersonFacts{Region: "330824101", Since: 202501, Records: map[string][]Month{"VETERAN": {202501}, "CIVIL": {202502}},
			Veteran: &VeteranFacts{Since: 202501, Card: card, Placement: "PLACED", Groups: []string{"WAR_VETERAN"}, BenefitFen: 150000},
			Civil:   &CivilFacts{Since: 202502}}}
		all = append(all, Delta(Facts{}, f)...)
	}
	var rows []Row
	for _, it := range Combine(all) {
		if it.Region == "330824" {
			rows = append(rows, Row{it.Month, it.Metric, it.Dim, it.Value})
		}
	}
	f := Suppressor{Min: 5}.FiguresOf(TotalsOf(rows, 202501, 202512))
	v := f.Veterans
	if *v.OnRecord.Value != 10 || v.CardIssueRate.Display != "90.00%" || v.CardApplicationRate.Display != "100.00%" ||
		v.PlacementRate.Display != "100.00%" || v.EntitledMonthlyBenefits.Display != "15,000.00" || v.Coverage.Display != "100.00%" {
		t.Errorf("veteran figures: %+v", v)
	}
	if c := v.ByPreferentialCard; len(c) != 2 || c[0].Key != "ISSUED" || c[1].Count.Display != "<5" {
		t.Errorf("cards by kind (largest first, 1 applied suppressed): %+v", c)
	}
	if f.Persons.LinkedTwo.Display != "10" || f.Persons.LinkedShare.Display != "100.00%" {
		t.Errorf("person figures: %+v", f.Persons)
	}
}

func TestFiguresOfCases(t *testing.T) {
	var all []Item
	add := func(category, priority, status string, opened, ended Month, days int) {
		c := CaseFacts{Region: "330824", Category: category, Priority: priority, Status: status, Opened: opened, Ended: ended, Days: days}
		all = append(all, Delta(Facts{}, Facts{Person: &PersonFacts{Region: "330824", Since: 202401, Cases: []CaseFacts{c}}})...)
	}
	for i := range 6 {
		add("DIBAO_GAP", "HIGH", "CLOSED", 202501, 202502, 10+i) // 10..15 days
	}
	for range 5 {
		add("MEDICAL", "LOW", "OPEN", 202502, 0, 0)
	}
	add("MEDICAL", "HIGH", "DISMISSED", 202502, 202503, 3)
	var rows []Row
	for _, it := range Combine(all) {
		if it.Region == "330824" {
			rows = append(rows, Row{it.Month, it.Metric, it.Dim, it.Value})
		}
	}
	c := Suppressor{Min: 5}.FiguresOf(TotalsOf(rows, 202501, 202503)).Cases
	if c.Opened.Display != "12" || c.Resolved.Display != "6" || c.Active.Display != "5" || c.Dismissed.Display != "<5" {
		t.Errorf("cases: %+v", c.CaseGroup)
	}
	if c.MedianDaysToResolve.Display != "12.5" {
		t.Errorf("median = %+v, want 12.5", c.MedianDaysToResolve)
	}
	if len(c.ByPriority) != 2 || c.ByPriority[0].Key != "HIGH" || c.ByPriority[1].Key != "LOW" {
		t.Errorf("by priority: %+v", c.ByPriority)
	}
	if len(c.ByCategory) != 2 || c.ByCategory[1].Key != "MEDICAL" || c.ByCategory[1].Active.Display != "5" {
		t.Errorf("by category: %+v", c.ByCategory)
	}
	// In March alone: nothing opened, the dismissal, five still active.
	m := Suppressor{Min: 1}.FiguresOf(TotalsOf(rows, 202503, 202503)).Cases
	if m.Opened.Display != "0" || m.Dismissed.Display != "1" || m.Active.Display != "5" {
		t.Errorf("March: %+v", m.CaseGroup)
	}
}

func TestDaysBucket(t *testing.T) {
	for d, want := range map[int]int{0: 0, 12: 12, 30: 30, 31: 30, 47: 40, 179: 170, 180: 180, 200: 180, 364: 360, 365: 365, 900: 365} {
		if got := DaysBucket(d); got != want {
			t.Errorf("DaysBucket(%d) = %d, want %d", d, got, want)
		}
	}
}

// Combine adds up the deltas of many entities into one sorted list.
func Combine(deltas ...[]Item) []Item {
	sum := map[Key]int64{}
	for _, d := range deltas {
		for _, it := range d {
			sum[it.Key] += it.Value
		}
	}
	out := make([]Item, 0, len(sum))
	for k, v := range sum {
		if v != 0 {
			out = append(out, Item{k, v})
		}
	}
	sortItems(out)
	return out
}

func TestFiguresForSectionsAskedFor(t *testing.T) {
	rows := []Row{{202501, MVeterans, "", 7}, {202501, MCivil, "", 6}}
	f := Suppressor{Min: 5}.FiguresFor(TotalsOf(rows, 202501, 202501), map[string]bool{"veterans": true})
	if f.Veterans.OnRecord.Display != "7" || f.Civil.OnRecord.Display != "" {
		t.Errorf("veterans asked for, civil not: %+v, %+v", f.Veterans.OnRecord, f.Civil.OnRecord)
	}
}
