package hardship

import (
	"testing"

	"github.com/vethub/vethub/feed"
)

// Facts from old records weigh less, then not at all; a rule may set its
// own limits.
func TestStaleness(t *testing.T) {
	t.Parallel()
	strict := parse(t, `
version: strict
staleness: {fullWeightMonths: 6, ignoreAfterMonths: 24, staleWeight: 0.25}
regions: [{prefix: "330824", params: {dibaoStandard: 1100}}]
rules:
  - id: UNCOVERED_LOW_INCOME
    category: INCOME
    priority: HIGH
    score: 80
    staleness: {ignoreAfterMonths: 12}
    when: [{fact: perCapitaMonthlyIncome, op: "<", param: dibaoStandard}]
    explain: {zh: "收入{perCapitaMonthlyIncome}元", en: "income {perCapitaMonthlyIncome}"}
`)
	cases := []struct {
		name      string
		rs        *RuleSet
		months    int
		score     float64 // 0: no flag
		freshness float64
	}{
		{"default, fresh", nil, 11, 80, 1},
		{"default, exactly a year", nil, 12, 80, 1},
		{"default, stale", nil, 13, 40, 0.5},
		{"default, last month counted", nil, 36, 40, 0.5},
		{"default, too old", nil, 37, 0, 0},
		{"rule override, fresh", strict, 6, 80, 1},
		{"rule override, stale", strict, 7, 20, 0.25},
		{"rule override, too old", strict, 13, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			flags := evaluate(t, tc.rs, poorCivil(t, monthsAgo(tc.months), "330824", 600))
			if tc.score == 0 {
				if len(flags) != 0 {
					t.Fatalf("flags %v, want none", ruleIDs(flags))
				}
				return
			}
			f := only(t, flags, "UNCOVERED_LOW_INCOME")
			if f.Score != tc.score || f.Freshness != tc.freshness {
				t.Errorf("score %g freshness %g, want %g and %g", f.Score, f.Freshness, tc.score, tc.freshness)
			}
		})
	}
}

// The stalest record of a flag sets its weight; history that is dated on
// its own (payments in a window) is not aged by its record.
func TestStalenessTakesStalestRecord(t *testing.T) {
	t.Parallel()
	civil := poorCivil(t, monthsAgo(1), "330824", 2000)
	health := record(t, feed.DepartmentHealth, "WJ1", monthsAgo(20), "330824", healthWithCosts(30000))
	f := only(t, evaluate(t, nil, civil, health), "MEDICAL_BURDEN")
	if f.Freshness != 0.5 || f.Score != 35 {
		t.Errorf("freshness %g score %g, want 0.5 and 35", f.Freshness, f.Score)
	}
	civil = poorCivil(t, monthsAgo(20), "330824", 2000)
	health = record(t, feed.DepartmentHealth, "WJ1", monthsAgo(1), "330824", healthWithCosts(30000))
	if f := only(t, evaluate(t, nil, civil, health), "MEDICAL_BURDEN"); f.Freshness != 0.5 {
		t.Errorf("stale income: freshness %g, want 0.5", f.Freshness)
	}
}
