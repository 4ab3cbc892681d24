package hardship

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Situation is one known hardship situation of a person: a line of the
// generator's truth/hardship.ndjson (its evidence is not needed here).
// Situation names a rule id: the default rules use the generator's names.
type Situation struct {
	PersonKey string `json:"personKey"`
	Situation string `json:"situation"`
}

// ReadSituations reads truth/hardship.ndjson. It fails on a line that is
// not a JSON object with personKey and situation, naming the line.
func ReadSituations(r io.Reader) ([]Situation, error) {
	var out []Situation
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var s Situation
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("hardship: situations line %d: %w", n, err)
		}
		if s.PersonKey == "" || s.Situation == "" {
			return nil, fmt.Errorf("hardship: situations line %d: personKey and situation are required", n)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("hardship: situations: %w", err)
	}
	return out, nil
}

// RuleScore compares one rule's flags with the known situations of the
// same name. A person counts once per rule.
type RuleScore struct {
	Rule          string
	Flagged       int // persons the rule flagged
	Planted       int // persons with the situation
	TruePositives int // both
	Precision     float64
	Recall        float64
}

// Scores are the per-rule figures, by rule id, and the overall ones over
// the rules that have at least one known situation (a rule the truth
// knows nothing about cannot be scored).
type Scores struct {
	Overall RuleScore
	Rules   []RuleScore
}

// ScoreFlags scores flags (by the person key the situations use) against
// the known situations.
func ScoreFlags(flags map[string][]Flag, known []Situation) Scores {
	type pair struct{ person, rule string }
	truth := make(map[pair]bool, len(known))
	by := map[string]*RuleScore{}
	score := func(rule string) *RuleScore {
		if by[rule] == nil {
			by[rule] = &RuleScore{Rule: rule}
		}
		return by[rule]
	}
	for _, s := range known {
		if p := (pair{s.PersonKey, s.Situation}); !truth[p] {
			truth[p] = true
			score(s.Situation).Planted++
		}
	}
	seen := map[pair]bool{}
	for person, fs := range flags {
		for _, f := range fs {
			p := pair{person, f.Rule}
			if seen[p] {
				continue
			}
			seen[p] = true
			rs := score(f.Rule)
			rs.Flagged++
			if truth[p] {
				rs.TruePositives++
			}
		}
	}
	return collect(by)
}

// collect sorts the rules and sums the overall figures.
func collect(by map[string]*RuleScore) Scores {
	var s Scores
	s.Overall.Rule = "ALL"
	for _, rule := range sortedKeys(by) {
		r := by[rule]
		r.finish()
		s.Rules = append(s.Rules, *r)
		if r.Planted > 0 {
			s.Overall.Flagged += r.Flagged
			s.Overall.Planted += r.Planted
			s.Overall.TruePositives += r.TruePositives
		}
	}
	s.Overall.finish()
	return s
}

// finish computes the ratios; with nothing to count a ratio is 1 (no
// flag is wrong when none was raised, none is missed when none exists).
func (r *RuleScore) finish() {
	r.Precision, r.Recall = 1, 1
	if r.Flagged > 0 {
		r.Precision = float64(r.TruePositives) / float64(r.Flagged)
	}
	if r.Planted > 0 {
		r.Recall = float64(r.TruePositives) / float64(r.Planted)
	}
}
