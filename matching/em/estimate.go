package em

import (
	"github.com/vethub/vethub/matching/parallel"

	"math/rand/v2"
	"sync"
)

// Draw picks a random pair, or reports false to skip this draw.
type Draw func(r *rand.Rand) (i, j int, ok bool)

// Within draws two different records of one set of n (deduplication); it
// is nil when there is no such pair.
func Within(n int) Draw {
	if n < 2 {
		return nil
	}
	return func(r *rand.Rand) (int, int, bool) {
		i, j := r.IntN(n), r.IntN(n)
		return i, j, i != j
	}
}

// Across draws one record of a set of a and one of a set of b (linking
// two files); it is nil when either is empty.
func Across(a, b int) Draw {
	if a == 0 || b == 0 {
		return nil
	}
	return func(r *rand.Rand) (int, int, bool) { return r.IntN(a), r.IntN(b), true }
}

// EstimateU counts levels over samples random pairs, with add-one
// smoothing so no level has u = 0. compare writes the levels of pair
// (i, j) into dst (len(levels) fields); it is called from several
// goroutines. The pairs are drawn in one sequence and the counts are
// whole numbers, so the result does not depend on the scheduling. A nil
// draw counts nothing.
func EstimateU(draw Draw, samples int, seed uint64, levels []int, compare func(i, j int, dst []uint8)) Probs {
	counts := make(Probs, len(levels))
	for f, k := range levels {
		counts[f] = make([]float64, k)
	}
	if draw == nil {
		return Normalise(counts, 1)
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	pairs := make([][2]int32, 0, samples)
	for range samples {
		if i, j, ok := draw(r); ok {
			pairs = append(pairs, [2]int32{int32(i), int32(j)})
		}
	}
	var mu sync.Mutex
	parallel.Chunks(len(pairs), func(from, to int) {
		local := zeros(counts)
		v := make([]uint8, len(levels))
		for _, p := range pairs[from:to] {
			compare(int(p[0]), int(p[1]), v)
			for f, l := range v {
				local[f][l]++
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for f := range local {
			for l, n := range local[f] {
				counts[f][l] += n
			}
		}
	})
	return Normalise(counts, 1)
}

// EstimateM runs EM for m and the share of matches, lambda, with u fixed.
func EstimateM(ps []Pattern, u Probs, iterations int) (Probs, float64) {
	m := InitialM(u.Levels())
	lambda := 0.1
	for range iterations {
		counts := zeros(u)
		var matched, total float64
		for _, p := range ps {
			pm, pu := joint(p.Levels, m, u, lambda)
			w := pm / (pm + pu) * p.Count
			matched += w
			total += p.Count
			for f, l := range p.Levels {
				counts[f][l] += w
			}
		}
		if total == 0 {
			break
		}
		next := Normalise(counts, 0.01)
		lambda = min(max(matched/total, 1e-6), 1-1e-6)
		delta := maxDelta(m, next)
		m = next
		if delta < 1e-6 {
			break
		}
	}
	return m, lambda
}

// ExpectedShare is the share of matches among the patterns' pairs under m
// and u: the prior odds of a match for a blocked pair.
func ExpectedShare(ps []Pattern, m, u Probs) float64 {
	lambda := 0.1
	for range 20 { // the prior itself, by a few EM steps on lambda alone
		var matched, total float64
		for _, p := range ps {
			pm, pu := joint(p.Levels, m, u, lambda)
			matched += p.Count * pm / (pm + pu)
			total += p.Count
		}
		if total == 0 {
			return lambda
		}
		lambda = min(max(matched/total, 1e-6), 1-1e-6)
	}
	return lambda
}

// joint is the probability of a pair with these levels and a match (pm),
// and with these levels and a non-match (pu).
func joint(levels []uint8, m, u Probs, lambda float64) (pm, pu float64) {
	pm, pu = lambda, 1-lambda
	for f, l := range levels {
		if l != 0 {
			pm *= m[f][l]
			pu *= u[f][l]
		}
	}
	return pm, pu
}
