package synth

import "math/rand/v2"

// Stream selectors: every shard draws from independent PCG streams, one per
// phase, so a change in one phase leaves the others' draws alone.
const (
	streamPersons uint64 = 0x9e3779b97f4a7c15
	streamNoise   uint64 = 0xbf58476d1ce4e5b9
	streamJobs    uint64 = 0x94d049bb133111eb
)

// newRand returns the generator for one phase of one shard.
func newRand(seed, stream uint64, shard int) *rand.Rand {
	return rand.New(rand.NewPCG(seed^stream, uint64(shard)*0x2545f4914f6cdd1d+stream))
}

// weighted picks an index with probability proportional to its weight.
type weighted struct{ cum []float64 }

func newWeighted(ws ...float64) weighted {
	cum := make([]float64, len(ws))
	s := 0.0
	for i, w := range ws {
		s += w
		cum[i] = s
	}
	return weighted{cum: cum}
}

// pick draws an index; binary search keeps large tables (surnames) cheap.
func (w weighted) pick(r *rand.Rand) int {
	x := r.Float64() * w.cum[len(w.cum)-1]
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if w.cum[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// between draws an integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// uniform draws a float in [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// zipfWeights returns weights 1/(i+offset) for n items in commonness order.
func zipfWeights(n int, offset float64) []float64 {
	ws := make([]float64, n)
	for i := range ws {
		ws[i] = 1 / (float64(i) + offset)
	}
	return ws
}
