package feed

import "encoding/json"

// ValidateJob validates and normalises a job posting. sourceId,
// sourceVersion, asOf, title and regionCode are required. raw is stored as
// Job.Raw. It never fails as a function: every problem is a FieldError in
// the JobResult.
func ValidateJob(in JobInput, raw json.RawMessage) JobResult {
	var c checker
	j := Job{Raw: raw}
	j.SourceID, j.SourceVersion, j.AsOf = c.header(in.SourceID, in.SourceVersion, in.AsOf)
	j.Employer = c.text("employer", in.Employer, maxShortText)
	j.Title = c.requiredText("title", in.Title, maxShortText)
	if in.OccupationCode != nil {
		j.OccupationCode, _ = c.occupationItem("occupationCode", *in.OccupationCode)
	}
	j.RequiredSkills = c.textList("requiredSkills", in.RequiredSkills, maxShortText)
	j.MinEducation = c.enumValue("minEducation", in.MinEducation, educations)
	j.MinAge = c.intIn("minAge", in.MinAge, 0, 120)
	j.MaxAge = c.intIn("maxAge", in.MaxAge, 0, 120)
	if j.MinAge != nil && j.MaxAge != nil && *j.MinAge > *j.MaxAge {
		c.fail("maxAge", CodeOutOfRange, "%d is below minAge %d", *j.MaxAge, *j.MinAge)
	}
	j.PhysicalDemand = c.enumValue("physicalDemand", in.PhysicalDemand, physicalDemands)
	j.RegionCode = c.requiredRegion("regionCode", in.RegionCode)
	j.SalaryMin = c.money("salaryMin", in.SalaryMin)
	j.SalaryMax = c.money("salaryMax", in.SalaryMax)
	if j.SalaryMin != nil && j.SalaryMax != nil && *j.SalaryMin > *j.SalaryMax {
		c.fail("salaryMax", CodeOutOfRange, "%.2f is below salaryMin %.2f", *j.SalaryMax, *j.SalaryMin)
	}
	j.Openings = c.intOrZero("openings", in.Openings, 1, 1_000_000)
	j.VeteranPreferred = in.VeteranPreferred
	j.ClosesOn = c.date("closesOn", in.ClosesOn)
	j.Hash = hashJob(j)
	return JobResult{Job: j, Errors: c.errs, Warnings: c.warns}
}
