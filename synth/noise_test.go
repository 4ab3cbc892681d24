package synth

import (
	"math"
	"testing"
)

// TestNoiseShares: the share of records with each error is near the rate
// the level asks for (params.json), allowing for eligibility (a phone to
// change, a 20th-century birth for a 15-digit number) and sampling error.
func TestNoiseShares(t *testing.T) {
	t.Parallel()
	ds := sharedData(t)
	rates := ds.params["noiseRates"].(map[string]any)
	eligible := map[string]float64{"PHONE_CHANGED": 0.9, "ADDRESS_REWRITTEN": 0.93, "ID_LEGACY15": 0.95, "NAME_TRADITIONAL": 0.8}
	for _, dept := range deptNames {
		entries := ds.truth[dept]
		counts := map[string]int{}
		for _, tr := range entries {
			for _, tag := range tr.Noise {
				counts[tag]++
			}
		}
		n := float64(len(entries))
		for _, tag := range noiseNames {
			want := rates[dept].(map[string]any)[tag].(float64)
			if e, ok := eligible[tag]; ok {
				want *= e
			}
			if tag == "DUPLICATE" {
				want /= 1 + want // a share of all records, twins included
			}
			got := float64(counts[tag]) / n
			slack := 4*math.Sqrt(want*(1-want)/n) + 0.2*want
			if math.Abs(got-want) > slack {
				t.Errorf("%s %s: share %.4f, want %.4f ± %.4f", dept, tag, got, want, slack)
			}
		}
	}
}

// TestNoiseNone: at level 0 no record carries an error.
func TestNoiseNone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st, err := Generate(Config{Persons: 500, Seed: 3}, dir)
	if err != nil {
		t.Fatal(err)
	}
	for tag, n := range st.Noise {
		if n != 0 {
			t.Errorf("%d records tagged %s at noise 0", n, tag)
		}
	}
}
