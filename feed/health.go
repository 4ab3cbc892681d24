package feed

import "encoding/json"

// ValidateHealth validates and normalises a health record. raw is stored as
// Record.Raw (for GraphQL pass json.Marshal of in). It never fails as a
// function: every problem is a FieldError in the Result.
func ValidateHealth(in HealthInput, raw json.RawMessage) Result {
	var c checker
	r := c.person(DepartmentHealth, &in.PersonInput)
	v := Health{
		ChronicConditions:    c.list("chronicConditions", in.ChronicConditions, c.icdItem),
		SeriousIllnesses:     c.list("seriousIllnesses", in.SeriousIllnesses, c.icdItem),
		FunctionalDisability: c.enumValue("functionalDisability", in.FunctionalDisability, functionalDisabilities),
		Dementia:             in.Dementia,
		CostYear:             c.intOrZero("costYear", in.CostYear, 1950, Today().Year()+1),
		MedicalCostTotal:     c.money("medicalCostTotal", in.MedicalCostTotal),
		InsurancePaid:        c.money("insurancePaid", in.InsurancePaid),
		OutOfPocket:          c.money("outOfPocket", in.OutOfPocket),
		HospitalStays:        c.intIn("hospitalStays", in.HospitalStays, 0, 366),
		FamilyDoctorContract: in.FamilyDoctorContract,
	}
	return c.result(r, v, raw)
}
