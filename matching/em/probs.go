package em

// Probs holds, per field and level, a probability. Level 0 (missing) is
// always 1: it is never multiplied in.
type Probs [][]float64

// InitialM starts EM with the strongest level (1) likely among matches;
// levels gives each field's number of levels, missing included.
func InitialM(levels []int) Probs {
	m := make(Probs, len(levels))
	for f, n := range levels {
		m[f] = make([]float64, n)
		for l := 1; l < n; l++ {
			m[f][l] = 0.1 / float64(n-2)
		}
		m[f][1] = 0.9
	}
	return Normalise(m, 0)
}

// Normalise turns counts into probabilities over the levels but missing,
// adding smooth to every count.
func Normalise(counts Probs, smooth float64) Probs {
	out := make(Probs, len(counts))
	for f, c := range counts {
		out[f] = make([]float64, len(c))
		var sum float64
		for l := 1; l < len(c); l++ {
			sum += c[l] + smooth
		}
		for l := 1; l < len(c); l++ {
			if sum > 0 {
				out[f][l] = (c[l] + smooth) / sum
			}
		}
		out[f][0] = 1
	}
	return out
}

// zeros is a Probs of the shape of like, all 0.
func zeros(like Probs) Probs {
	out := make(Probs, len(like))
	for f := range like {
		out[f] = make([]float64, len(like[f]))
	}
	return out
}

// Levels is the number of levels of each field of p.
func (p Probs) Levels() []int {
	out := make([]int, len(p))
	for f := range p {
		out[f] = len(p[f])
	}
	return out
}

func maxDelta(a, b Probs) float64 {
	var d float64
	for f := range a {
		for l := range a[f] {
			d = max(d, abs(a[f][l]-b[f][l]))
		}
	}
	return d
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
