package hardship

import (
	"strings"
	"testing"
)

func TestScoreFlags(t *testing.T) {
	t.Parallel()
	known, err := ReadSituations(strings.NewReader(
		`{"personKey":"P1","situation":"A","evidence":{"x":1}}` + "\n" +
			`{"personKey":"P2","situation":"A"}` + "\n" +
			`{"personKey":"P2","situation":"B"}` + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	flags := map[string][]Flag{
		"P1": {{Rule: "A"}, {Rule: "A"}}, // one person counts once
		"P3": {{Rule: "A"}, {Rule: "C"}},
	}
	s := ScoreFlags(flags, known)
	want := []RuleScore{
		{Rule: "A", Flagged: 2, Planted: 2, TruePositives: 1, Precision: 0.5, Recall: 0.5},
		{Rule: "B", Flagged: 0, Planted: 1, TruePositives: 0, Precision: 1, Recall: 0},
		{Rule: "C", Flagged: 1, Planted: 0, TruePositives: 0, Precision: 0, Recall: 1},
	}
	if len(s.Rules) != len(want) {
		t.Fatalf("rules %+v", s.Rules)
	}
	for i := range want {
		if s.Rules[i] != want[i] {
			t.Errorf("rule %d: %+v, want %+v", i, s.Rules[i], want[i])
		}
	}
	// C has no known situation: it is listed but left out of the overall.
	if o := s.Overall; o.Flagged != 2 || o.Planted != 3 || o.TruePositives != 1 {
		t.Errorf("overall %+v", o)
	}
}

func TestReadSituationsNamesBadLine(t *testing.T) {
	t.Parallel()
	_, err := ReadSituations(strings.NewReader(`{"personKey":"P1","situation":"A"}` + "\n" + `{"personKey":"P2"}` + "\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("error %v, want one naming line 2", err)
	}
}
