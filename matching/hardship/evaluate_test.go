package hardship

import (
	"slices"
	"testing"

	"github.com/vethub/vethub/feed"
)

// The uncovered-low-income flag carries its evidence and reads as a
// sentence in both languages.
func TestUncoveredLowIncomeFlag(t *testing.T) {
	t.Parallel()
	f := only(t, evaluate(t, nil, poorCivil(t, monthsAgo(2), "330824103001", 587.82)), "UNCOVERED_LOW_INCOME")
	if f.PersonID != 7 || f.RuleSetVersion != "2026.1" || f.Category != "INCOME" || f.Priority != PriorityHigh || f.Score != 80 {
		t.Errorf("flag %+v", f)
	}
	wantZH := "家庭人均月收入587.82元，低于当地低保标准1100元，但未享受低保，疑似低保漏保。"
	wantEN := "Household income per person is 587.82 yuan a month, below the local dibao standard of 1100 yuan, " +
		"but the household is not receiving dibao: possibly missed by dibao."
	if f.Explanation.ZH != wantZH || f.Explanation.EN != wantEN {
		t.Errorf("explanation\n zh %s\n en %s", f.Explanation.ZH, f.Explanation.EN)
	}
	asOf := date(t, monthsAgo(2))
	want := []Evidence{
		{feed.DepartmentCivil, "MZ1", "perCapitaMonthlyIncome", "perCapitaMonthlyIncome", "587.82", "< 1100 (dibaoStandard)", asOf},
		{feed.DepartmentCivil, "MZ1", "dibaoStatus", "dibaoStatus", "NONE", "in NONE, STOPPED", asOf},
		{feed.DepartmentCivil, "MZ1", "extremePoverty", "extremePoverty", "false", "is false", asOf},
	}
	if !slices.Equal(f.Evidence, want) {
		t.Errorf("evidence\n got %+v\nwant %+v", f.Evidence, want)
	}
}

// A derived fact brings the facts it is computed from, from both
// departments, and the explanation quotes them.
func TestMedicalBurdenEvidence(t *testing.T) {
	t.Parallel()
	civil := poorCivil(t, monthsAgo(1), "330824", 2000) // 48,000 a year
	health := record(t, feed.DepartmentHealth, "WJ1", monthsAgo(1), "330824", feed.Health{
		CostYear: 2025, OutOfPocket: ptr(24000.0), SeriousIllnesses: []string{},
	})
	f := only(t, evaluate(t, nil, civil, health), "MEDICAL_BURDEN")
	got := make([]string, len(f.Evidence))
	for i, e := range f.Evidence {
		got[i] = string(e.Department) + " " + e.Fact + " " + e.Value + " " + e.Threshold
	}
	want := []string{"HEALTH outOfPocketShare 50% > 40%", "HEALTH outOfPocket 24000 ",
		"CIVIL perCapitaMonthlyIncome 2000 ", "CIVIL householdSize 2 "}
	if !slices.Equal(got, want) {
		t.Errorf("evidence %q, want %q", got, want)
	}
	if wantZH := "2025年个人自付医疗费用24000元，占家庭年收入48000元的50%（超过40%），存在因病致贫返贫风险。"; f.Explanation.ZH != wantZH {
		t.Errorf("zh %s", f.Explanation.ZH)
	}
}

// A group holds through any alternative, and only the alternatives that
// hold are evidence.
func TestGroupEvidenceShowsWhatHeld(t *testing.T) {
	t.Parallel()
	civil := record(t, feed.DepartmentCivil, "MZ1", monthsAgo(1), "330824", feed.Civil{LivingAlone: ptr(true)})
	health := record(t, feed.DepartmentHealth, "WJ1", monthsAgo(1), "330824", feed.Health{
		FunctionalDisability: "MODERATE", Dementia: ptr(true),
	})
	f := only(t, evaluate(t, nil, civil, health), "SEVERE_DISABILITY_ALONE")
	facts := make([]string, len(f.Evidence))
	for i, e := range f.Evidence {
		facts[i] = e.Fact
	}
	if want := []string{"livingAlone", "dementia"}; !slices.Equal(facts, want) {
		t.Errorf("evidence facts %v, want %v", facts, want)
	}
	if want := "Lives alone with moderate functional disability; dementia: yes. No one at home to provide care."; f.Explanation.EN != want {
		t.Errorf("en %s", f.Explanation.EN)
	}
}

// Unknown facts never meet a condition: a civil record that does not say
// whether the person lives alone raises nothing.
func TestUnknownFactsNeverHold(t *testing.T) {
	t.Parallel()
	civil := record(t, feed.DepartmentCivil, "MZ1", monthsAgo(1), "330824", feed.Civil{})
	health := record(t, feed.DepartmentHealth, "WJ1", monthsAgo(1), "330824", feed.Health{Dementia: ptr(true)})
	if flags := evaluate(t, nil, civil, health); len(flags) != 0 {
		t.Errorf("flags %v, want none", ruleIDs(flags))
	}
}

// The newest record of a department states the current facts: a
// household that has since been granted 低保 is no longer uncovered.
func TestNewestRecordWins(t *testing.T) {
	t.Parallel()
	old := poorCivil(t, monthsAgo(6), "330824", 600)
	covered := poorCivil(t, monthsAgo(1), "330824", 600)
	covered.SourceID = "MZ2"
	covered.Attrs = []byte(`{"householdSize":2,"perCapitaMonthlyIncome":600,"dibaoStatus":"RECEIVING","extremePoverty":false}`)
	if flags := evaluate(t, nil, old, covered); len(flags) != 0 {
		t.Errorf("flags %v, want none", ruleIDs(flags))
	}
	old.AsOf, covered.AsOf = covered.AsOf, old.AsOf
	only(t, evaluate(t, nil, old, covered), "UNCOVERED_LOW_INCOME")
}

// Payments of every civil record count, each once.
func TestAssistanceFromEveryCivilRecord(t *testing.T) {
	t.Parallel()
	pay := func(d string) feed.TemporaryAssistance {
		return feed.TemporaryAssistance{Date: date(t, d), Amount: ptr(500.0)}
	}
	a := record(t, feed.DepartmentCivil, "MZ1", "2026-05-01", "330824", feed.Civil{
		TemporaryAssistance: []feed.TemporaryAssistance{pay("2026-01-10"), pay("2026-04-20")},
	})
	b := record(t, feed.DepartmentCivil, "MZ2", "2026-10-01", "330824", feed.Civil{
		TemporaryAssistance: []feed.TemporaryAssistance{pay("2026-04-20"), pay("2026-09-30"), pay("2025-06-01")},
	})
	f := only(t, evaluate(t, nil, a, b), "REPEATED_TEMPORARY_ASSISTANCE")
	if e := f.Evidence[0]; e.Value != "3" || e.Threshold != ">= 3 within 365 days" || e.SourceID != "MZ2" {
		t.Errorf("evidence %+v", e)
	}
	if flags := evaluate(t, nil, a); len(flags) != 0 {
		t.Errorf("two payments flagged %v", ruleIDs(flags))
	}
}

// Ages come from a valid ID number before a birthDate field, which
// collects typos.
func TestAgeFromValidIDNumber(t *testing.T) {
	t.Parallel()
	vet := record(t, feed.DepartmentVeteran, "TY1", monthsAgo(1), "330824", feed.Veteran{EntitledGroups: []string{"WAR_VETERAN"}})
	vet.IDNumber, vet.IDValid = "11010519491231002X", true // born 1949-12-31; birthDate says 1980
	civil := record(t, feed.DepartmentCivil, "MZ1", monthsAgo(1), "330824", feed.Civil{LivingAlone: ptr(true)})
	f := only(t, evaluate(t, nil, vet, civil), "ELDERLY_ENTITLED_ALONE")
	if e := f.Evidence[1]; e.Fact != "age" || e.Field != "idNumber" || e.Value != "76" {
		t.Errorf("age evidence %+v", e)
	}
	if want := "76岁优抚对象（参战退役军人），独居。"; f.Explanation.ZH != want {
		t.Errorf("zh %s", f.Explanation.ZH)
	}
	vet.IDValid = false
	if flags := evaluate(t, nil, vet, civil); len(flags) != 0 {
		t.Errorf("a 46-year-old flagged %v", ruleIDs(flags))
	}
}

func TestEvaluateFailsOnUndecodableRecord(t *testing.T) {
	t.Parallel()
	bad := poorCivil(t, monthsAgo(1), "330824", 500)
	bad.Attrs = []byte(`{"householdSize":"two"}`)
	if _, err := Evaluate(Default(), Person{ID: 9, Records: []feed.Record{bad}}, testToday); err == nil {
		t.Fatal("no error for attributes that do not decode")
	}
}
