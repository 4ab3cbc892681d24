package fs

import (
	"github.com/vethub/vethub/matching/parallel"

	"slices"

	"github.com/vethub/vethub/matching/em"
)

// TrainOptions tune Train.
type TrainOptions struct {
	RandomPairs   int    // pairs sampled to estimate u; default 300,000
	MaxIterations int    // EM iterations; default 50
	Seed          uint64 // for the random pairs: training is deterministic
}

// train estimates the model: u from random record pairs (almost all of
// them non-matches), m and Lambda by expectation–maximisation over the
// blocked pairs with u held fixed, and the name frequencies.
func train(recs []prepared, byRule [][]Pair, vectors []Vector, o TrainOptions) *Model {
	if o.RandomPairs == 0 {
		o.RandomPairs = 300_000
	}
	if o.MaxIterations == 0 {
		o.MaxIterations = 50
	}
	m := &Model{tf: frequencies(recs)}
	m.U = estimateU(recs, o)
	m.M = estimateMByRule(recs, byRule, m.U, o.MaxIterations)
	m.Lambda = expectedShare(vectors, m.M, m.U)
	return m
}

// estimateMByRule runs EM once per blocking rule on that rule's pairs,
// ignoring the fields its key makes agree (within its blocks, agreement
// on them is no evidence: trained on, they would make every blocked pair
// look like a match). Each field's m is the average over the rules that
// did not use it, weighted by the matches each found.
func estimateMByRule(recs []prepared, byRule [][]Pair, u [NumFields][]float64, iterations int) [NumFields][]float64 {
	pool := em.NewPool(fieldLevels())
	for ri, pairs := range byRule {
		if len(pairs) == 0 {
			continue
		}
		ignored := blockingRules[ri].uses
		vectors := make([]Vector, len(pairs))
		parallel.Chunks(len(pairs), func(from, to int) {
			for k := from; k < to; k++ {
				v := compare(&recs[pairs[k].A], &recs[pairs[k].B])
				for _, f := range ignored {
					v[f] = 0
				}
				vectors[k] = v
			}
		})
		m, lambda := em.EstimateM(patterns(vectors), u[:], iterations)
		pool.Add(m, lambda*float64(len(pairs)), func(f int) bool { return slices.Contains(ignored, Field(f)) })
	}
	return perField(pool.M())
}

// expectedShare is the share of matches among the vectors' pairs under m
// and u: the prior odds of a match for a blocked pair.
func expectedShare(vectors []Vector, m, u [NumFields][]float64) float64 {
	return em.ExpectedShare(patterns(vectors), m[:], u[:])
}

// estimateU counts levels over random pairs, with add-one smoothing so no
// level has u = 0.
func estimateU(recs []prepared, o TrainOptions) [NumFields][]float64 {
	return perField(em.EstimateU(em.Within(len(recs)), o.RandomPairs, o.Seed, fieldLevels(), func(i, j int, dst []uint8) {
		v := compare(&recs[i], &recs[j])
		copy(dst, v[:])
	}))
}

// patterns are the distinct vectors to train on, without the ID
// conflicts: never a match, they would only pull m towards conflicts.
func patterns(vectors []Vector) []em.Pattern {
	var ps em.Patterns
	for _, v := range vectors {
		if v[FieldID] != IDConflict {
			ps.Add(v[:])
		}
	}
	return ps.List()
}

// fieldLevels is the number of levels of each field, missing included.
func fieldLevels() []int {
	out := make([]int, NumFields)
	for f := range out {
		out[f] = numLevels(Field(f))
	}
	return out
}

// perField turns em's probabilities into the Model's per-field array.
func perField(p em.Probs) [NumFields][]float64 {
	var out [NumFields][]float64
	copy(out[:], p)
	return out
}

// frequencies counts names and name pinyin over the records.
func frequencies(recs []prepared) termFrequencies {
	tf := termFrequencies{name: map[string]float64{}, pinyin: map[string]float64{}}
	if len(recs) == 0 {
		return tf
	}
	for i := range recs {
		if n := recs[i].name.Norm; n != "" {
			tf.name[n]++
			tf.pinyin[recs[i].name.Pinyin]++
		}
	}
	n := float64(len(recs))
	for k, c := range tf.name {
		tf.name[k] = c / n
	}
	for k, c := range tf.pinyin {
		tf.pinyin[k] = c / n
	}
	tf.floor = 1 / n
	return tf
}
