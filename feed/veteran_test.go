package feed

import (
	"slices"
	"strings"
	"testing"
)

func TestVeteranRules(t *testing.T) {
	t.Parallel()
	cases := []ruleCase{
		{name: "enlistDate not real", edit: edits{"enlistDate": "2003-02-29"}, errs: []string{"enlistDate:INVALID_DATE"}},
		{name: "discharge before enlist", edit: edits{"dischargeDate": "2003-11-30"}, errs: []string{"dischargeDate:OUT_OF_RANGE"}},
		{name: "discharge same day", edit: edits{"dischargeDate": "2003-12-01"}},
		{name: "only discharge", edit: edits{"enlistDate": drop}},
		{name: "dischargeMode", edit: edits{"dischargeMode": "RETIRED"}, errs: []string{"dischargeMode:INVALID_ENUM"}},
		{name: "merits item", edit: edits{"merits": []string{"COMMENDATION", "GOLD"}}, errs: []string{"merits[1]:INVALID_ENUM"}},
		{name: "merits not a list", edit: edits{"merits": "COMMENDATION"}, errs: []string{"merits:INVALID_TYPE"}},
		{name: "merits item type", edit: edits{"merits": raw(`["COMMENDATION", 3]`)}, errs: []string{"merits[1]:INVALID_TYPE"}},
		{name: "disabilityGrade 0", edit: edits{"disabilityGrade": 0}, errs: []string{"disabilityGrade:OUT_OF_RANGE"}},
		{name: "disabilityGrade 11", edit: edits{"disabilityGrade": 11}, errs: []string{"disabilityGrade:OUT_OF_RANGE"}},
		{name: "disabilityCause", edit: edits{"disabilityCause": "WAR"}, errs: []string{"disabilityCause:INVALID_ENUM"}},
		{name: "entitledGroups", edit: edits{"entitledGroups": []string{"VIP"}}, errs: []string{"entitledGroups[0]:INVALID_ENUM"}},
		{name: "preferentialCard", edit: edits{"preferentialCard": "YES"}, errs: []string{"preferentialCard:INVALID_ENUM"}},
		{name: "placementStatus", edit: edits{"placementStatus": "DONE"}, errs: []string{"placementStatus:INVALID_ENUM"}},
		{name: "employmentStatus", edit: edits{"employmentStatus": "JOBLESS"}, errs: []string{"employmentStatus:INVALID_ENUM"}},
		{name: "employmentSince", edit: edits{"employmentSince": "2023-3-1"}, errs: []string{"employmentSince:INVALID_DATE"}},
		{name: "skills too long", edit: edits{"skills": []string{strings.Repeat("技", 201)}}, errs: []string{"skills[0]:TOO_LONG"}},
		{name: "education", edit: edits{"education": "PHD"}, errs: []string{"education:INVALID_ENUM"}},
		{name: "preferredOccupations", edit: edits{"preferredOccupations": []string{"4-02-02-02", "4-2-2-2"}}, errs: []string{"preferredOccupations[1]:INVALID_OCCUPATION_CODE"}},
		{name: "occupation major group 9", edit: edits{"preferredOccupations": []string{"9-02-02-02"}}, errs: []string{"preferredOccupations[0]:INVALID_OCCUPATION_CODE"}},
		{name: "preferredRegions", edit: edits{"preferredRegions": []string{"330824", "003456"}}, errs: []string{"preferredRegions[1]:INVALID_REGION"}},
		{name: "monthlyBenefit negative", edit: edits{"monthlyBenefit": -1}, errs: []string{"monthlyBenefit:INVALID_MONEY"}},
		{name: "monthlyBenefit huge", edit: edits{"monthlyBenefit": 1e11}, errs: []string{"monthlyBenefit:INVALID_MONEY"}},
		{name: "monthlyBenefit string", edit: edits{"monthlyBenefit": "1000"}, errs: []string{"monthlyBenefit:INVALID_TYPE"}},
		{name: "nulls are unknown", edit: edits{"merits": nil, "disabilityGrade": nil, "monthlyBenefit": nil, "dischargeMode": nil}},
	}
	runRules(t, personDecoder(DepartmentVeteran), firstLine(t, "veteran.ndjson"), cases)
}

func TestVeteranNormalisation(t *testing.T) {
	t.Parallel()
	lines := fixtureLines(t, "veteran.ndjson")
	tests := []struct {
		line int
		want func(Veteran) bool
	}{
		{0, func(v Veteran) bool {
			return v.DischargeMode == "SELF_EMPLOYMENT" &&
				slices.Equal(v.Merits, []string{"THIRD_CLASS", "COMMENDATION"}) &&
				*v.MonthlyBenefit == 1234.57 && v.DisabilityGrade == 8 &&
				v.EnlistDate == NewDate(2003, 12, 1) && slices.Equal(v.Skills, []string{"A2驾驶证", "叉车证"})
		}},
		{1, func(v Veteran) bool { return v.Merits != nil && len(v.Merits) == 0 && v.MonthlyBenefit == nil }},
		{2, func(v Veteran) bool { return v.Merits == nil && v.EmploymentStatus == "" }},
	}
	for _, tt := range tests {
		res := DecodeRecord(DepartmentVeteran, lines[tt.line])
		v, err := res.Record.Veteran()
		if err != nil || !res.OK() || !tt.want(v) {
			t.Errorf("line %d: %+v, %v, %v", tt.line, v, err, res.Errors)
		}
	}
}
