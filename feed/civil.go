package feed

import "encoding/json"

// ValidateCivil validates and normalises a civil affairs record. raw is
// stored as Record.Raw (for GraphQL pass json.Marshal of in). It never fails
// as a function: every problem is a FieldError in the Result.
func ValidateCivil(in CivilInput, raw json.RawMessage) Result {
	var c checker
	r := c.person(DepartmentCivil, &in.PersonInput)
	v := Civil{
		HouseholdID:            c.text("householdId", in.HouseholdID, maxShortText),
		HouseholdSize:          c.intOrZero("householdSize", in.HouseholdSize, 1, 50),
		PerCapitaMonthlyIncome: c.money("perCapitaMonthlyIncome", in.PerCapitaMonthlyIncome),
		DibaoStatus:            c.enumValue("dibaoStatus", in.DibaoStatus, dibaoStatuses),
		DibaoMonthlyAmount:     c.money("dibaoMonthlyAmount", in.DibaoMonthlyAmount),
		ExtremePoverty:         in.ExtremePoverty,
		NearDibao:              in.NearDibao,
		TemporaryAssistance:    c.assistance(in.TemporaryAssistance),
		DisabilitySubsidy:      in.DisabilitySubsidy,
		LivingAlone:            in.LivingAlone,
		MaritalStatus:          c.enumValue("maritalStatus", in.MaritalStatus, maritalStatuses),
	}
	return c.result(r, v, raw)
}

// assistance normalises the payments in order; an entry with no known
// field is dropped, as it says nothing.
func (c *checker) assistance(in []TemporaryAssistanceInput) []TemporaryAssistance {
	if in == nil {
		return nil
	}
	out := make([]TemporaryAssistance, 0, len(in))
	for i, a := range in {
		p := item("temporaryAssistance", i)
		t := TemporaryAssistance{
			Date:   c.date(p+".date", a.Date),
			Amount: c.money(p+".amount", a.Amount),
			Reason: c.text(p+".reason", a.Reason, maxShortText),
		}
		if t != (TemporaryAssistance{}) {
			out = append(out, t)
		}
	}
	return out
}
