package feed

import "testing"

func TestJobRules(t *testing.T) {
	t.Parallel()
	cases := []ruleCase{
		{name: "valid"},
		{name: "title missing", edit: edits{"title": drop}, errs: []string{"title:REQUIRED"}},
		{name: "regionCode missing", edit: edits{"regionCode": drop}, errs: []string{"regionCode:REQUIRED"}},
		{name: "sourceVersion missing", edit: edits{"sourceVersion": drop}, errs: []string{"sourceVersion:REQUIRED"}},
		{name: "occupationCode", edit: edits{"occupationCode": "40202"}, errs: []string{"occupationCode:INVALID_OCCUPATION_CODE"}},
		{name: "minAge over maxAge", edit: edits{"minAge": 51}, errs: []string{"maxAge:OUT_OF_RANGE"}},
		{name: "minAge negative", edit: edits{"minAge": -1}, errs: []string{"minAge:OUT_OF_RANGE"}},
		{name: "salaryMin over salaryMax", edit: edits{"salaryMin": 9000.01}, errs: []string{"salaryMax:OUT_OF_RANGE"}},
		{name: "salary equal", edit: edits{"salaryMin": 9000}},
		{name: "openings 0", edit: edits{"openings": 0}, errs: []string{"openings:OUT_OF_RANGE"}},
		{name: "physicalDemand", edit: edits{"physicalDemand": "EXTREME"}, errs: []string{"physicalDemand:INVALID_ENUM"}},
		{name: "minEducation", edit: edits{"minEducation": "NONE"}, errs: []string{"minEducation:INVALID_ENUM"}},
		{name: "closesOn", edit: edits{"closesOn": "2024-06-31"}, errs: []string{"closesOn:INVALID_DATE"}},
		{name: "veteranPreferred type", edit: edits{"veteranPreferred": "Y"}, errs: []string{"veteranPreferred:INVALID_TYPE"}},
	}
	decode := func(line []byte) ([]FieldError, []FieldError) {
		r := DecodeJob(line)
		return r.Errors, r.Warnings
	}
	runRules(t, decode, firstLine(t, "jobs.ndjson"), cases)
}

func TestJobNormalisation(t *testing.T) {
	t.Parallel()
	res := DecodeJob(fixtureLines(t, "jobs.ndjson")[0])
	j := res.Job
	if !res.OK() || j.MinEducation != "JUNIOR_HIGH" || *j.MinAge != 22 || j.Openings != 3 || !*j.VeteranPreferred ||
		j.ClosesOn != NewDate(2024, 6, 30) || string(j.Raw) != string(fixtureLines(t, "jobs.ndjson")[0]) {
		t.Errorf("job %+v, errors %v", j, res.Errors)
	}
}
