package feed

import "encoding/json"

// ValidateVeteran validates and normalises a veteran record. raw is stored
// as Record.Raw (for GraphQL pass json.Marshal of in). It never fails as a
// function: every problem is a FieldError in the Result.
func ValidateVeteran(in VeteranInput, raw json.RawMessage) Result {
	var c checker
	r := c.person(DepartmentVeteran, &in.PersonInput)
	v := Veteran{
		ServiceBranch:        c.text("serviceBranch", in.ServiceBranch, maxShortText),
		EnlistDate:           c.date("enlistDate", in.EnlistDate),
		DischargeDate:        c.date("dischargeDate", in.DischargeDate),
		DischargeMode:        c.enumValue("dischargeMode", in.DischargeMode, dischargeModes),
		Rank:                 c.text("rank", in.Rank, maxShortText),
		MilitarySpecialty:    c.text("militarySpecialty", in.MilitarySpecialty, maxShortText),
		Merits:               c.enumList("merits", in.Merits, merits),
		DisabilityGrade:      c.intOrZero("disabilityGrade", in.DisabilityGrade, 1, 10),
		DisabilityCause:      c.enumValue("disabilityCause", in.DisabilityCause, disabilityCauses),
		EntitledGroups:       c.enumList("entitledGroups", in.EntitledGroups, entitledGroups),
		PreferentialCard:     c.enumValue("preferentialCard", in.PreferentialCard, preferentialCards),
		PlacementStatus:      c.enumValue("placementStatus", in.PlacementStatus, placementStatuses),
		EmploymentStatus:     c.enumValue("employmentStatus", in.EmploymentStatus, employmentStatuses),
		EmploymentSince:      c.date("employmentSince", in.EmploymentSince),
		Skills:               c.textList("skills", in.Skills, maxShortText),
		Education:            c.enumValue("education", in.Education, educations),
		PreferredOccupations: c.list("preferredOccupations", in.PreferredOccupations, c.occupationItem),
		PreferredRegions:     c.list("preferredRegions", in.PreferredRegions, c.regionItem),
		MonthlyBenefit:       c.money("monthlyBenefit", in.MonthlyBenefit),
	}
	if !v.EnlistDate.IsZero() && !v.DischargeDate.IsZero() && v.DischargeDate.Before(v.EnlistDate.Time) {
		c.fail("dischargeDate", CodeOutOfRange, "%s is before enlistDate %s", v.DischargeDate, v.EnlistDate)
	}
	return c.result(r, v, raw)
}
