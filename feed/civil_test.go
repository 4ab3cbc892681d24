package feed

import "testing"

func TestCivilRules(t *testing.T) {
	t.Parallel()
	cases := []ruleCase{
		{name: "valid"},
		{name: "householdSize 0", edit: edits{"householdSize": 0}, errs: []string{"householdSize:OUT_OF_RANGE"}},
		{name: "householdSize 51", edit: edits{"householdSize": 51}, errs: []string{"householdSize:OUT_OF_RANGE"}},
		{name: "income negative", edit: edits{"perCapitaMonthlyIncome": -5}, errs: []string{"perCapitaMonthlyIncome:INVALID_MONEY"}},
		{name: "dibaoStatus", edit: edits{"dibaoStatus": "YES"}, errs: []string{"dibaoStatus:INVALID_ENUM"}},
		{name: "dibaoMonthlyAmount", edit: edits{"dibaoMonthlyAmount": 2e10}, errs: []string{"dibaoMonthlyAmount:INVALID_MONEY"}},
		{name: "extremePoverty string", edit: edits{"extremePoverty": "yes"}, errs: []string{"extremePoverty:INVALID_TYPE"}},
		{name: "assistance date", edit: edits{"temporaryAssistance": raw(`[{"date":"2023-02-29","amount":1}]`)},
			errs: []string{"temporaryAssistance[0].date:INVALID_DATE"}},
		{name: "assistance amount", edit: edits{"temporaryAssistance": raw(`[{"amount":1},{"amount":1},{"amount":-1}]`)},
			errs: []string{"temporaryAssistance[2].amount:INVALID_MONEY"}},
		{name: "assistance amount type", edit: edits{"temporaryAssistance": raw(`[{"amount":1},{"amount":"x"}]`)},
			errs: []string{"temporaryAssistance[1].amount:INVALID_TYPE"}},
		{name: "assistance not a list", edit: edits{"temporaryAssistance": raw(`{"amount":1}`)},
			errs: []string{"temporaryAssistance:INVALID_TYPE"}},
		{name: "maritalStatus", edit: edits{"maritalStatus": "COMPLICATED"}, errs: []string{"maritalStatus:INVALID_ENUM"}},
		{name: "two type errors", edit: edits{"livingAlone": 1, "householdSize": "3"},
			errs: []string{"householdSize:INVALID_TYPE", "livingAlone:INVALID_TYPE"}},
	}
	runRules(t, personDecoder(DepartmentCivil), firstLine(t, "civil.ndjson"), cases)
}

func TestCivilNormalisation(t *testing.T) {
	t.Parallel()
	res := DecodeRecord(DepartmentCivil, fixtureLines(t, "civil.ndjson")[0])
	c, err := res.Record.Civil()
	if err != nil || !res.OK() {
		t.Fatalf("%v %v", err, res.Errors)
	}
	ta := c.TemporaryAssistance
	switch {
	case c.DibaoStatus != "NONE", *c.DibaoMonthlyAmount != 0, *c.ExtremePoverty, !*c.NearDibao:
		t.Errorf("civil %+v", c)
	case len(ta) != 2, *ta[1].Amount != 1500.01 && *ta[1].Amount != 1500, ta[0].Reason != "大病", ta[0].Date != NewDate(2023, 11, 5):
		t.Errorf("assistance %+v", ta)
	}
	if _, err := res.Record.Veteran(); err == nil {
		t.Error("Veteran() on a civil record succeeded")
	}
}
