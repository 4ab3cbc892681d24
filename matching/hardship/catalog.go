package hardship

import (
	"slices"

	"github.com/vethub/vethub/feed"
)

// factDef is one named fact the rule language knows: where it comes from
// and how it is read.
type factDef struct {
	name     string
	kind     kind
	dept     feed.Department // whose record states it; "" for the birth date (any record)
	field    string          // the feed key shown as evidence
	enumKey  string          // the feed key whose values a condition may name
	format   format          // for numbers
	timeless bool            // not aged by the staleness policy (a birth date, dated history)
	windowed bool            // counts over windowDays
	inputs   []string        // facts shown as supporting evidence (derived facts)
	get      func(f *facts, window int) value
}

const defaultWindowDays = 365

var (
	vet = feed.DepartmentVeteran
	civ = feed.DepartmentCivil
	hea = feed.DepartmentHealth
)

// catalog is every fact, in the order the documentation lists them.
var catalog = []factDef{
	{name: "age", kind: kindNumber, field: "birthDate", timeless: true, get: age},
	{name: "birthDate", kind: kindDate, field: "birthDate", timeless: true,
		get: func(f *facts, _ int) value { return dateOf(f.birth, &f.birthSrc) }},

	{name: "disabilityGrade", kind: kindNumber, dept: vet, field: "disabilityGrade", get: disabilityGrade},
	{name: "disabilityCause", kind: kindEnum, dept: vet, field: "disabilityCause", enumKey: "disabilityCause",
		get: func(f *facts, _ int) value { return enumOf(f.vet.DisabilityCause, &f.vetSrc) }},
	{name: "dischargeMode", kind: kindEnum, dept: vet, field: "dischargeMode", enumKey: "dischargeMode",
		get: func(f *facts, _ int) value { return enumOf(f.vet.DischargeMode, &f.vetSrc) }},
	{name: "dischargeDate", kind: kindDate, dept: vet, field: "dischargeDate",
		get: func(f *facts, _ int) value { return dateOf(f.vet.DischargeDate, &f.vetSrc) }},
	{name: "daysSinceDischarge", kind: kindNumber, dept: vet, field: "dischargeDate",
		get: func(f *facts, _ int) value { return daysSince(f.vet.DischargeDate, f.today, &f.vetSrc) }},
	{name: "employmentStatus", kind: kindEnum, dept: vet, field: "employmentStatus", enumKey: "employmentStatus",
		get: func(f *facts, _ int) value { return enumOf(f.vet.EmploymentStatus, &f.vetSrc) }},
	{name: "employmentSince", kind: kindDate, dept: vet, field: "employmentSince",
		get: func(f *facts, _ int) value { return dateOf(f.vet.EmploymentSince, &f.vetSrc) }},
	{name: "daysUnemployed", kind: kindNumber, dept: vet, field: "employmentSince", get: daysUnemployed},
	{name: "entitledGroups", kind: kindSet, dept: vet, field: "entitledGroups", enumKey: "entitledGroups",
		get: func(f *facts, _ int) value { return setOf(f.vet.EntitledGroups, &f.vetSrc) }},
	{name: "monthlyBenefit", kind: kindNumber, dept: vet, field: "monthlyBenefit", format: fmtMoney,
		get: func(f *facts, _ int) value { return moneyOf(f.vet.MonthlyBenefit, &f.vetSrc) }},

	{name: "perCapitaMonthlyIncome", kind: kindNumber, dept: civ, field: "perCapitaMonthlyIncome", format: fmtMoney,
		get: func(f *facts, _ int) value { return moneyOf(f.civ.PerCapitaMonthlyIncome, &f.civSrc) }},
	{name: "householdSize", kind: kindNumber, dept: civ, field: "householdSize", get: householdSize},
	{name: "householdAnnualIncome", kind: kindNumber, dept: civ, field: "perCapitaMonthlyIncome×householdSize×12",
		format: fmtMoney, inputs: []string{"perCapitaMonthlyIncome", "householdSize"}, get: householdAnnualIncome},
	{name: "dibaoStatus", kind: kindEnum, dept: civ, field: "dibaoStatus", enumKey: "dibaoStatus",
		get: func(f *facts, _ int) value { return enumOf(f.civ.DibaoStatus, &f.civSrc) }},
	{name: "dibaoMonthlyAmount", kind: kindNumber, dept: civ, field: "dibaoMonthlyAmount", format: fmtMoney,
		get: func(f *facts, _ int) value { return moneyOf(f.civ.DibaoMonthlyAmount, &f.civSrc) }},
	{name: "extremePoverty", kind: kindBool, dept: civ, field: "extremePoverty",
		get: func(f *facts, _ int) value { return boolOf(f.civ.ExtremePoverty, &f.civSrc) }},
	{name: "nearDibao", kind: kindBool, dept: civ, field: "nearDibao",
		get: func(f *facts, _ int) value { return boolOf(f.civ.NearDibao, &f.civSrc) }},
	{name: "livingAlone", kind: kindBool, dept: civ, field: "livingAlone",
		get: func(f *facts, _ int) value { return boolOf(f.civ.LivingAlone, &f.civSrc) }},
	{name: "disabilitySubsidy", kind: kindBool, dept: civ, field: "disabilitySubsidy",
		get: func(f *facts, _ int) value { return boolOf(f.civ.DisabilitySubsidy, &f.civSrc) }},
	{name: "maritalStatus", kind: kindEnum, dept: civ, field: "maritalStatus", enumKey: "maritalStatus",
		get: func(f *facts, _ int) value { return enumOf(f.civ.MaritalStatus, &f.civSrc) }},
	{name: "temporaryAssistanceCount", kind: kindNumber, dept: civ, field: "temporaryAssistance",
		timeless: true, windowed: true, get: assistanceCount},

	{name: "seriousIllnesses", kind: kindSet, dept: hea, field: "seriousIllnesses",
		get: func(f *facts, _ int) value { return setOf(f.hea.SeriousIllnesses, &f.heaSrc) }},
	{name: "chronicConditions", kind: kindSet, dept: hea, field: "chronicConditions",
		get: func(f *facts, _ int) value { return setOf(f.hea.ChronicConditions, &f.heaSrc) }},
	{name: "functionalDisability", kind: kindEnum, dept: hea, field: "functionalDisability", enumKey: "functionalDisability",
		get: func(f *facts, _ int) value { return enumOf(f.hea.FunctionalDisability, &f.heaSrc) }},
	{name: "dementia", kind: kindBool, dept: hea, field: "dementia",
		get: func(f *facts, _ int) value { return boolOf(f.hea.Dementia, &f.heaSrc) }},
	{name: "costYear", kind: kindNumber, dept: hea, field: "costYear", get: costYear},
	{name: "medicalCostTotal", kind: kindNumber, dept: hea, field: "medicalCostTotal", format: fmtMoney,
		get: func(f *facts, _ int) value { return moneyOf(f.hea.MedicalCostTotal, &f.heaSrc) }},
	{name: "outOfPocket", kind: kindNumber, dept: hea, field: "outOfPocket", format: fmtMoney,
		get: func(f *facts, _ int) value { return moneyOf(f.hea.OutOfPocket, &f.heaSrc) }},
	{name: "outOfPocketShare", kind: kindNumber, dept: hea, field: "outOfPocket÷householdAnnualIncome", format: fmtShare,
		inputs: []string{"outOfPocket", "perCapitaMonthlyIncome", "householdSize"}, get: outOfPocketShare},
	{name: "hospitalStays", kind: kindNumber, dept: hea, field: "hospitalStays", get: hospitalStays},
	{name: "familyDoctorContract", kind: kindBool, dept: hea, field: "familyDoctorContract",
		get: func(f *facts, _ int) value { return boolOf(f.hea.FamilyDoctorContract, &f.heaSrc) }},
}

// factByName maps each name to its index in catalog.
var factByName = func() map[string]int {
	m := make(map[string]int, len(catalog))
	for i, d := range catalog {
		m[d.name] = i
	}
	return m
}()

// factNames lists the names, sorted, for error messages.
var factNames = func() []string {
	out := make([]string, 0, len(catalog))
	for _, d := range catalog {
		out = append(out, d.name)
	}
	slices.Sort(out)
	return out
}()
