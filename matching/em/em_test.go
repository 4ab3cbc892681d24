package em

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPatternsCountDistinctVectorsInOrderFirstSeen(t *testing.T) {
	var ps Patterns
	v := []uint8{1, 2}
	ps.Add(v)
	v[0] = 3 // Add must have copied the vector
	ps.Add(v)
	ps.Add([]uint8{1, 2})
	got := ps.List()
	if len(got) != 2 || !slices.Equal(got[0].Levels, []uint8{1, 2}) || got[0].Count != 2 ||
		!slices.Equal(got[1].Levels, []uint8{3, 2}) || got[1].Count != 1 {
		t.Fatalf("patterns %+v", got)
	}
}

func TestNormaliseSmoothsAndLeavesMissingAtOne(t *testing.T) {
	got := Normalise(Probs{{7, 3, 1}}, 1)
	want := []float64{1, 4.0 / 6, 2.0 / 6} // the missing count (7) is left out
	for l := range want {
		if math.Abs(got[0][l]-want[l]) > 1e-12 {
			t.Fatalf("normalised %v, want %v", got[0], want)
		}
	}
}

func TestInitialMFavoursTheStrongestLevel(t *testing.T) {
	m := InitialM([]int{3, 5})
	if m[0][1] != 0.9 || math.Abs(m[1][1]-0.9) > 1e-12 || math.Abs(m[1][2]-0.1/3) > 1e-12 {
		t.Fatalf("initial m %v", m)
	}
}

// mixture draws vectors from known m, u and share of matches; EM given u
// must find m and the share again.
func mixture(n int, lambda float64, m, u Probs) []Pattern {
	r := rand.New(rand.NewPCG(1, 2))
	draw := func(p []float64) uint8 {
		x := r.Float64()
		for l := 1; l < len(p); l++ {
			if x -= p[l]; x < 0 {
				return uint8(l)
			}
		}
		return uint8(len(p) - 1)
	}
	var ps Patterns
	v := make([]uint8, len(m))
	for range n {
		probs := u
		if r.Float64() < lambda {
			probs = m
		}
		for f := range v {
			v[f] = draw(probs[f])
		}
		ps.Add(v)
	}
	return ps.List()
}

func TestEstimateMRecoversAKnownMixture(t *testing.T) {
	m := Probs{{1, 0.9, 0.08, 0.02}, {1, 0.95, 0.05}, {1, 0.8, 0.15, 0.05}}
	u := Probs{{1, 0.01, 0.09, 0.9}, {1, 0.1, 0.9}, {1, 0.02, 0.08, 0.9}}
	ps := mixture(200_000, 0.2, m, u)
	got, lambda := EstimateM(ps, u, 100)
	if math.Abs(lambda-0.2) > 0.01 {
		t.Errorf("lambda %.4f, want 0.2", lambda)
	}
	if d := maxDelta(got, m); d > 0.02 {
		t.Errorf("m %v, want %v (off by %.3f)", got, m, d)
	}
	if share := ExpectedShare(ps, m, u); math.Abs(share-0.2) > 0.01 {
		t.Errorf("expected share %.4f under the true m, want 0.2", share)
	}
}

func TestEstimateUCountsRandomPairs(t *testing.T) {
	// 1000 records in 4 equal groups: two random records agree 1 time in 4.
	u := EstimateU(Within(1000), 100_000, 7, []int{3}, func(i, j int, dst []uint8) {
		dst[0] = 2
		if i%4 == j%4 {
			dst[0] = 1
		}
	})
	if math.Abs(u[0][1]-0.25) > 0.01 {
		t.Fatalf("u of agreement %.4f, want 0.25", u[0][1])
	}
	if Within(1) != nil {
		t.Fatal("one record has no pairs to sample")
	}
}

func TestEstimateUAcrossDrawsOneRecordOfEachSet(t *testing.T) {
	EstimateU(Across(3, 5), 1000, 1, []int{2}, func(i, j int, _ []uint8) {
		if i < 0 || i >= 3 || j < 0 || j >= 5 {
			t.Fatalf("pair (%d, %d) outside 3 × 5", i, j)
		}
	})
}

func TestPoolAveragesByMatchesAndSkipsIgnoredFields(t *testing.T) {
	p := NewPool([]int{3, 3, 3})
	p.Add(Probs{{1, 0.8, 0.2}, {1, 0.6, 0.4}, {1, 0.5, 0.5}}, 30, func(f int) bool { return f >= 1 })
	p.Add(Probs{{1, 0.4, 0.6}, {1, 1, 0}, {1, 0.5, 0.5}}, 10, func(f int) bool { return f == 2 })
	m := p.M()
	if math.Abs(m[0][1]-0.7) > 1e-12 || m[1][1] != 1 || m[2][1] != 0.9 {
		t.Fatalf("pooled m %v: want field 0 weighted 0.7, field 1 from the second run, field 2 the initial guess", m)
	}
}
