package em

// Pool averages the m of several EM runs, one per blocking rule, each
// having ignored the fields its rule's key makes agree (within its
// blocks, agreement on them is no evidence). Each field's m is the
// average over the runs that did not ignore it, weighted by the matches
// each found.
type Pool struct {
	levels []int
	sum    Probs
	weight []float64
}

// NewPool starts an average over fields with these numbers of levels.
func NewPool(levels []int) *Pool {
	p := &Pool{levels: levels, weight: make([]float64, len(levels))}
	p.sum = make(Probs, len(levels))
	for f, n := range levels {
		p.sum[f] = make([]float64, n)
	}
	return p
}

// Add adds one run's m, found over pairs of which matches were matches;
// fields for which ignored is true are left out.
func (p *Pool) Add(m Probs, matches float64, ignored func(field int) bool) {
	for f := range m {
		if ignored(f) {
			continue
		}
		for l := range m[f] {
			p.sum[f][l] += m[f][l] * matches
		}
		p.weight[f] += matches
	}
}

// M is the average; a field no run estimated keeps InitialM's guess.
func (p *Pool) M() Probs {
	out := InitialM(p.levels)
	for f := range out {
		if p.weight[f] > 0 {
			for l := 1; l < len(out[f]); l++ {
				out[f][l] = p.sum[f][l] / p.weight[f]
			}
		}
	}
	return out
}
