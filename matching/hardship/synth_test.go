package hardship

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/vethub/vethub/synth"
)

// generated is a synthetic population grouped by its true persons
// (perfect linkage), with the planted situations.
type generated struct {
	persons map[string]Person // by person key
	planted []Situation
	today   time.Time
}

// generate writes a population with the generator and reads it back
// through feed.DecodeRecord, as the hub would store it.
func generate(t testing.TB, persons int, seed uint64, noise float64) generated {
	t.Helper()
	dir := t.TempDir()
	today := synth.DefaultToday
	if now := time.Now().UTC().AddDate(0, 0, -1); now.Before(today) {
		today = now.Truncate(24 * time.Hour) // the feed refuses asOf dates after today
	}
	cfg := synth.Config{Persons: persons, Seed: seed, Noise: noise, Today: today}
	if _, err := synth.Generate(cfg, dir); err != nil {
		t.Fatal(err)
	}
	byKey, err := synth.RecordsByPerson(dir)
	if err != nil {
		t.Fatal(err)
	}
	g := generated{persons: map[string]Person{}, today: today}
	for key, recs := range byKey {
		g.persons[key] = Person{ID: personID(t, key), Records: recs}
	}
	f, err := os.Open(filepath.Join(dir, "truth", "hardship.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if g.planted, err = ReadSituations(f); err != nil {
		t.Fatal(err)
	}
	return g
}

// personID turns "P00000042" into 42.
func personID(t testing.TB, key string) int64 {
	id, err := strconv.ParseInt(key[1:], 10, 64)
	if err != nil {
		t.Fatalf("person key %q: %v", key, err)
	}
	return id
}

// evaluateAll runs the default rules over every person.
func (g generated) evaluateAll(t testing.TB, rs *RuleSet) map[string][]Flag {
	t.Helper()
	ev := NewEvaluator(rs, g.today)
	out := map[string][]Flag{}
	for key, p := range g.persons {
		flags, err := ev.Evaluate(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(flags) > 0 {
			out[key] = flags
		}
	}
	return out
}

// The default rules find the generator's planted situations: recall at
// least 0.95 and precision at least 0.9, overall and for every rule, at
// each noise level (identity noise must not disturb the facts).
func TestDefaultRulesFindPlantedSituations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		noise float64
	}{{"low", synth.NoiseLow}, {"default", synth.NoiseDefault}, {"high", synth.NoiseHigh}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := generate(t, 4000, 11, tc.noise)
			s := ScoreFlags(g.evaluateAll(t, Default()), g.planted)
			for _, r := range append(s.Rules, s.Overall) {
				t.Logf("%-34s flagged %4d planted %4d tp %4d precision %.3f recall %.3f",
					r.Rule, r.Flagged, r.Planted, r.TruePositives, r.Precision, r.Recall)
				if r.Planted > 0 && (r.Recall < 0.95 || r.Precision < 0.9) {
					t.Errorf("%s: precision %.3f recall %.3f, want ≥ 0.9 and ≥ 0.95", r.Rule, r.Precision, r.Recall)
				}
			}
			if len(s.Rules) != 8 {
				t.Errorf("scored %d rules, want the 8 planted situations", len(s.Rules))
			}
		})
	}
}
