package hardship

import "testing"

// The longest region-code prefix that sets a threshold wins; without one
// the condition cannot hold.
func TestRegionPrefixThresholds(t *testing.T) {
	t.Parallel()
	rs := parse(t, `
version: regions
regions:
  - {prefix: "33", name: 浙江省, params: {dibaoStandard: 900, otherLine: 1}}
  - {prefix: "330824", name: 开化县, params: {dibaoStandard: 1100}}
  - {prefix: "330824103", name: 一个镇, params: {dibaoStandard: 1200}}
rules:
  - id: UNCOVERED_LOW_INCOME
    category: INCOME
    priority: HIGH
    score: 80
    when: [{fact: perCapitaMonthlyIncome, op: "<", param: dibaoStandard}]
    explain: {zh: "低于{dibaoStandard}元", en: "below {dibaoStandard} yuan"}
`)
	cases := []struct {
		region   string
		income   float64
		flagged  bool
		standard string
	}{
		{"330824103001", 1150, true, "1200"}, // the township's own standard
		{"330824104001", 1150, false, ""},    // the county's 1,100
		{"330824104001", 1050, true, "1100"},
		{"330824", 1050, true, "1100"},
		{"330100", 1050, false, ""}, // the province's 900
		{"330100", 850, true, "900"},
		{"440310", 100, false, ""}, // no threshold anywhere: no guess
		{"", 100, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.region, func(t *testing.T) {
			t.Parallel()
			flags := evaluate(t, rs, poorCivil(t, monthsAgo(1), tc.region, tc.income))
			if !tc.flagged {
				if len(flags) != 0 {
					t.Fatalf("flags %v, want none", ruleIDs(flags))
				}
				return
			}
			f := only(t, flags, "UNCOVERED_LOW_INCOME")
			if f.Explanation.ZH != "低于"+tc.standard+"元" || f.Explanation.EN != "below "+tc.standard+" yuan" {
				t.Errorf("explanation %+v, want the standard %s", f.Explanation, tc.standard)
			}
		})
	}
}
