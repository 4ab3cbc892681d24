package hardship

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/vethub/vethub/feed"
)

// testToday is the evaluation day of the hand-made persons.
var testToday = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// monthsAgo is the date n months before testToday, as the feed writes it.
func monthsAgo(n int) string { return testToday.AddDate(0, -n, 0).Format(time.DateOnly) }

func date(t testing.TB, s string) feed.Date {
	t.Helper()
	d, err := feed.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// record builds a stored record of dept with the given attributes
// (feed.Veteran, feed.Civil or feed.Health), confirmed on asOf.
func record(t testing.TB, dept feed.Department, sourceID, asOf, region string, attrs any) feed.Record {
	t.Helper()
	raw, err := json.Marshal(attrs)
	if err != nil {
		t.Fatal(err)
	}
	return feed.Record{
		Department: dept, SourceID: sourceID, SourceVersion: 1, AsOf: date(t, asOf),
		Name: "王伟", RegionCode: region, BirthDate: date(t, "1980-01-01"), Attrs: raw,
	}
}

// poorCivil is a civil record of a household below 开化县's 低保 standard
// (1,100) that receives nothing.
func poorCivil(t testing.TB, asOf, region string, income float64) feed.Record {
	t.Helper()
	return record(t, feed.DepartmentCivil, "MZ1", asOf, region, feed.Civil{
		HouseholdSize: 2, PerCapitaMonthlyIncome: ptr(income), DibaoStatus: "NONE",
		ExtremePoverty: ptr(false), LivingAlone: ptr(false), TemporaryAssistance: []feed.TemporaryAssistance{},
	})
}

// evaluate runs rs (the default when nil) over records, failing on error.
func evaluate(t testing.TB, rs *RuleSet, recs ...feed.Record) []Flag {
	t.Helper()
	if rs == nil {
		rs = Default()
	}
	flags, err := Evaluate(rs, Person{ID: 7, Records: recs}, testToday)
	if err != nil {
		t.Fatal(err)
	}
	return flags
}

// only returns the flag of rule, failing unless there is exactly one
// flag and it is of that rule.
func only(t testing.TB, flags []Flag, rule string) Flag {
	t.Helper()
	if len(flags) != 1 || flags[0].Rule != rule {
		t.Fatalf("flags %v, want only %s", ruleIDs(flags), rule)
	}
	return flags[0]
}

func ruleIDs(flags []Flag) []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = f.Rule
	}
	return out
}

func parse(t testing.TB, yaml string) *RuleSet {
	t.Helper()
	rs, err := ParseRuleSet([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func healthWithCosts(outOfPocket float64) feed.Health {
	return feed.Health{CostYear: 2025, OutOfPocket: ptr(outOfPocket), SeriousIllnesses: []string{}}
}
