package hardship

import (
	"errors"
	"strings"
	"testing"
)

// A broken file reports every problem at once, each named by its path.
func TestValidationReportsEveryProblem(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file string
		want []string // "path: start of the reason", in order
	}{
		{"broken_rules.yaml", []string{
			"staleness.ignoreAfterMonths: 12: want at least fullWeightMonths (24)",
			"staleness.staleWeight: 0: want a weight in (0, 1]",
			`regions[1].prefix: "33082": want the digits of a region code`,
			`regions[2].prefix: "3308" already used by regions[0]`,
			"regions[2].params.dibaoStandard: -5: want a positive number",
			`rules[0].priority: "URGENT": want HIGH, MEDIUM or LOW`,
			"rules[0].score: 0: want a score in (0, 100]",
			`rules[0].when[0].param: "dibaoStandart" is not set by any region (set: dibaoStandard)`,
			`rules[0].when[1].values[1]: unknown "STOPED": want one of NONE, APPLIED, RECEIVING, STOPPED`,
			"rules[0].explain.en: unknown placeholder {incom}",
			`rules[1].category: "income": want an UPPER_SNAKE_CASE category`,
			`rules[1].when[0].fact: unknown "incom" (did you mean householdAnnualIncome or perCapitaMonthlyIncome?)`,
			`rules[1].when[1].op: "<" does not apply to livingAlone, a bool fact: want one of is`,
			`rules[1].when[2].values[0]: "cancer": want an ICD-10 code`,
			"rules[1].when[3].value: old: want a number",
			"rules[1].when[4].windowDays: 30: only for counts over time",
			"rules[1].when[5].any: want at least two alternatives",
			"rules[1].explain.zh: {livingAlone.threshold}: the rule has no number condition on livingAlone",
			"rules[1].explain.en: required",
			`rules[1].id: "UNCOVERED" already names rules[0]`,
		}},
		{"nested_any.yaml", []string{
			"rules[0].when[0].any[1].any: groups do not nest",
			"rules[0].when[1]: a group has only the key any",
			"rules[0].when[1].any: want at least two alternatives",
			"rules[0].when[2]: set value or param, not both",
			"rules[0].when[3].times: 2: want a positive factor, and only with param",
			"rules[0].when[4].fact: dischargeDate is a date, for explanations only",
			`rules[0].explain.zh: unclosed { at "{dementia"`,
		}},
		{"empty.yaml", []string{"version: required", "rules: required"}},
		{"unknown_key.yaml", []string{`[11:50] unknown field "threshold"`}},
		{"not_yaml.yaml", []string{"[2:8] sequence end token ']' not found"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			_, err := LoadRuleSet("testdata/" + tc.file)
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("error %v, want a *ValidationError", err)
			}
			if len(verr.Problems) != len(tc.want) {
				t.Errorf("%d problems, want %d:\n%v", len(verr.Problems), len(tc.want), err)
			}
			for i, p := range verr.Problems {
				if i < len(tc.want) && !strings.HasPrefix(line(p), tc.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, line(p), tc.want[i])
				}
			}
			if !strings.HasPrefix(err.Error(), "testdata/"+tc.file+": invalid rule set:") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func line(p Problem) string {
	if p.Path == "" {
		return p.Reason
	}
	return p.Path + ": " + p.Reason
}

func TestLoadRuleSetMissingFile(t *testing.T) {
	t.Parallel()
	if _, err := LoadRuleSet("testdata/no-such-file.yaml"); err == nil || !strings.Contains(err.Error(), "no-such-file.yaml") {
		t.Fatalf("error %v, want one naming the file", err)
	}
}

// The shipped set parses, covers the eight indicators of DESIGN.md and
// reads the same through DefaultYAML.
func TestDefaultRuleSet(t *testing.T) {
	t.Parallel()
	rs := Default()
	want := []string{"UNCOVERED_LOW_INCOME", "MEDICAL_BURDEN", "SEVERE_DISABILITY_ALONE",
		"DISABLED_VETERAN_SERIOUS_ILLNESS", "UNEMPLOYED_RECENT_VETERAN", "REPEATED_TEMPORARY_ASSISTANCE",
		"ELDERLY_ENTITLED_ALONE", "SURVIVOR_HARDSHIP"}
	if got := ruleIDsOf(rs); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("rules %v, want %v", got, want)
	}
	again, err := ParseRuleSet(DefaultYAML())
	if err != nil || again.Version != rs.Version {
		t.Fatalf("DefaultYAML: %v, version %v", err, again)
	}
	if x, ok := rs.Param("330824103001", "dibaoStandard"); !ok || x != 1100 {
		t.Errorf("开化县 dibaoStandard %v %v, want 1100", x, ok)
	}
}

func ruleIDsOf(rs *RuleSet) []string {
	out := make([]string, len(rs.Rules))
	for i, r := range rs.Rules {
		out[i] = r.ID
	}
	return out
}
