package feed

import (
	"slices"
	"testing"
)

func TestHealthRules(t *testing.T) {
	t.Parallel()
	next := Today().Year() + 1
	cases := []ruleCase{
		{name: "valid"},
		{name: "icd name", edit: edits{"chronicConditions": []string{"I10", "高血压"}}, errs: []string{"chronicConditions[1]:INVALID_ICD10_CODE"}},
		{name: "icd short", edit: edits{"seriousIllnesses": []string{"C3"}}, errs: []string{"seriousIllnesses[0]:INVALID_ICD10_CODE"}},
		{name: "icd dagger", edit: edits{"seriousIllnesses": []string{"A17.0+G01*"}}},
		{name: "functionalDisability", edit: edits{"functionalDisability": "TOTAL"}, errs: []string{"functionalDisability:INVALID_ENUM"}},
		{name: "costYear 1949", edit: edits{"costYear": 1949}, errs: []string{"costYear:OUT_OF_RANGE"}},
		{name: "costYear next year", edit: edits{"costYear": next}},
		{name: "costYear after next", edit: edits{"costYear": next + 1}, errs: []string{"costYear:OUT_OF_RANGE"}},
		{name: "outOfPocket negative", edit: edits{"outOfPocket": -0.01}, errs: []string{"outOfPocket:INVALID_MONEY"}},
		{name: "medicalCostTotal", edit: edits{"medicalCostTotal": 1e10 + 1}, errs: []string{"medicalCostTotal:INVALID_MONEY"}},
		{name: "insurancePaid type", edit: edits{"insurancePaid": true}, errs: []string{"insurancePaid:INVALID_TYPE"}},
		{name: "hospitalStays negative", edit: edits{"hospitalStays": -1}, errs: []string{"hospitalStays:OUT_OF_RANGE"}},
		{name: "hospitalStays zero", edit: edits{"hospitalStays": 0}},
	}
	runRules(t, personDecoder(DepartmentHealth), firstLine(t, "health.ndjson"), cases)
}

func TestHealthNormalisation(t *testing.T) {
	t.Parallel()
	lines := fixtureLines(t, "health.ndjson")
	h0, err0 := DecodeRecord(DepartmentHealth, lines[0]).Record.Health()
	h1, err1 := DecodeRecord(DepartmentHealth, lines[1]).Record.Health()
	if err0 != nil || err1 != nil {
		t.Fatal(err0, err1)
	}
	if !slices.Equal(h0.ChronicConditions, []string{"I10", "E11.900"}) || *h0.OutOfPocket != 34000 || h0.CostYear != 2023 {
		t.Errorf("line 1: %+v", h0)
	}
	if h1.HospitalStays == nil || *h1.HospitalStays != 0 || !*h1.Dementia || h1.CostYear != 0 {
		t.Errorf("line 2: %+v", h1)
	}
}
