package tabular

import (
	"slices"

	"github.com/vethub/vethub/matching/em"
)

// train estimates the model: u from random pairs (almost all of them
// non-matches), m by EM over each blocking rule's pairs with u held fixed,
// and Lambda over all blocked pairs.
func train(d *dataset, pairs []Pair, vectors []uint8, byRule [][]Pair, t Training) *Model {
	levels := make([]int, len(d.fields))
	for f := range d.fields {
		levels[f] = len(d.fields[f].cmp.levels)
	}
	u := em.EstimateU(d.randomPairs(), d.samples(t.RandomPairs), t.Seed, levels, func(i, j int, dst []uint8) {
		if d.link {
			j += d.nLeft
		}
		d.compare(int32(i), int32(j), dst)
	})
	pool := em.NewPool(levels)
	for r, rp := range byRule {
		if len(rp) == 0 {
			continue
		}
		ignores := d.rules[r].ignores
		m, lambda := em.EstimateM(rulePatterns(pairs, vectors, rp, ignores), u, t.Iterations)
		pool.Add(m, lambda*float64(len(rp)), func(f int) bool { return ignores[f] })
	}
	m := pool.M()
	var all em.Patterns
	nf := len(d.fields)
	for k := range pairs {
		all.Add(vectors[k*nf : (k+1)*nf])
	}
	return newModel(d, em.ExpectedShare(all.List(), m, u), m, u)
}

// randomPairs draws the pairs u is estimated from: two records of the
// file, or one of each file when linking (j then counts from the right
// file's first record).
func (d *dataset) randomPairs() em.Draw {
	if d.link {
		return em.Across(d.nLeft, len(d.ids)-d.nLeft)
	}
	return em.Within(len(d.ids))
}

// samples is how many random pairs to draw for u: at most ten times the
// pairs there are, as more only repeats them.
func (d *dataset) samples(want int) int {
	n := int64(len(d.ids))
	possible := n * (n - 1) / 2
	if d.link {
		possible = int64(d.nLeft) * (n - int64(d.nLeft))
	}
	return int(min(int64(want), 10*possible))
}

// rulePatterns are the patterns of a rule's pairs, without the fields the
// rule's key makes agree. The vectors were computed once for the distinct
// pairs (sorted): each of the rule's pairs is looked up there.
func rulePatterns(pairs []Pair, vectors []uint8, rp []Pair, ignores []bool) []em.Pattern {
	nf := len(ignores)
	v := make([]uint8, nf)
	var ps em.Patterns
	for _, p := range rp {
		k, _ := slices.BinarySearchFunc(pairs, p, comparePairs)
		copy(v, vectors[k*nf:(k+1)*nf])
		for f, ignored := range ignores {
			if ignored {
				v[f] = 0
			}
		}
		ps.Add(v)
	}
	return ps.List()
}
