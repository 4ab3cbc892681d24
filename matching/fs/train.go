package fs

import (
	"math/rand/v2"
	"slices"
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
	m.Lambda = expectedShare(patterns(vectors), m.M, m.U)
	return m
}

// estimateMByRule runs EM once per blocking rule on that rule's pairs,
// ignoring the fields its key makes agree (within its blocks, agreement
// on them is no evidence: trained on, they would make every blocked pair
// look like a match). Each field's m is the average over the rules that
// did not use it, weighted by the matches each found.
func estimateMByRule(recs []prepared, byRule [][]Pair, u [NumFields][]float64, iterations int) [NumFields][]float64 {
	var sum [NumFields][]float64
	var weight [NumFields]float64
	for f := range sum {
		sum[f] = make([]float64, numLevels(Field(f)))
	}
	for ri, pairs := range byRule {
		if len(pairs) == 0 {
			continue
		}
		ignored := blockingRules[ri].uses
		vectors := make([]Vector, len(pairs))
		parallel(len(pairs), func(from, to int) {
			for k := from; k < to; k++ {
				v := compare(&recs[pairs[k].A], &recs[pairs[k].B])
				for _, f := range ignored {
					v[f] = 0
				}
				vectors[k] = v
			}
		})
		m, lambda := estimateM(patterns(vectors), u, iterations)
		matches := lambda * float64(len(pairs))
		for f := Field(0); f < NumFields; f++ {
			if slices.Contains(ignored, f) {
				continue
			}
			for l := range m[f] {
				sum[f][l] += m[f][l] * matches
			}
			weight[f] += matches
		}
	}
	out := initialM()
	for f := range out {
		if weight[f] > 0 {
			for l := 1; l < len(out[f]); l++ {
				out[f][l] = sum[f][l] / weight[f]
			}
		}
	}
	return out
}

// expectedShare is the share of matches among the patterns' pairs under m
// and u: the prior odds of a match for a blocked pair.
func expectedShare(ps []pattern, m, u [NumFields][]float64) float64 {
	lambda := 0.1
	for range 20 { // the prior itself, by a few EM steps on lambda alone
		var matched, total float64
		for _, p := range ps {
			pm, pu := lambda, 1-lambda
			for f, l := range p.v {
				if l != 0 {
					pm *= m[f][l]
					pu *= u[f][l]
				}
			}
			matched += p.count * pm / (pm + pu)
			total += p.count
		}
		if total == 0 {
			return lambda
		}
		lambda = min(max(matched/total, 1e-6), 1-1e-6)
	}
	return lambda
}

// estimateU counts levels over random pairs, with add-one smoothing so no
// level has u = 0.
func estimateU(recs []prepared, o TrainOptions) [NumFields][]float64 {
	var counts [NumFields][]float64
	for f := range counts {
		counts[f] = make([]float64, numLevels(Field(f)))
	}
	if len(recs) >= 2 {
		r := rand.New(rand.NewPCG(o.Seed, 0x5eed))
		for range o.RandomPairs {
			i, j := r.IntN(len(recs)), r.IntN(len(recs))
			if i == j {
				continue
			}
			v := compare(&recs[i], &recs[j])
			for f, l := range v {
				counts[f][l]++
			}
		}
	}
	return normalise(counts, 1)
}

// pattern is a distinct comparison vector and how many pairs have it: EM
// runs over the few thousand patterns, not the millions of pairs.
type pattern struct {
	v     Vector
	count float64
}

func patterns(vectors []Vector) []pattern {
	idx := map[Vector]int{}
	var out []pattern
	for _, v := range vectors {
		if v[FieldID] == IDConflict {
			continue // never a match; would only pull m towards conflicts
		}
		i, ok := idx[v]
		if !ok {
			i = len(out)
			idx[v] = i
			out = append(out, pattern{v: v})
		}
		out[i].count++
	}
	return out
}

// estimateM runs EM for m and Lambda with u fixed.
func estimateM(ps []pattern, u [NumFields][]float64, iterations int) ([NumFields][]float64, float64) {
	m := initialM()
	lambda := 0.1
	for range iterations {
		var counts [NumFields][]float64
		for f := range counts {
			counts[f] = make([]float64, numLevels(Field(f)))
		}
		var matched, total float64
		for _, p := range ps {
			pm, pu := lambda, 1-lambda
			for f, l := range p.v {
				if l != 0 {
					pm *= m[f][l]
					pu *= u[f][l]
				}
			}
			post := pm / (pm + pu)
			w := post * p.count
			matched += w
			total += p.count
			for f, l := range p.v {
				counts[f][l] += w
			}
		}
		if total == 0 {
			break
		}
		next := normalise(counts, 0.01)
		lambda = min(max(matched/total, 1e-6), 1-1e-6)
		delta := maxDelta(m, next)
		m = next
		if delta < 1e-6 {
			break
		}
	}
	return m, lambda
}

// initialM starts EM with the strongest level likely among matches.
func initialM() [NumFields][]float64 {
	var m [NumFields][]float64
	for f := range m {
		n := numLevels(Field(f))
		m[f] = make([]float64, n)
		for l := 1; l < n; l++ {
			m[f][l] = 0.1 / float64(n-2)
		}
		m[f][1] = 0.9
	}
	return normalise(m, 0)
}

// normalise turns counts into probabilities over the levels but missing,
// adding smooth to every count.
func normalise(counts [NumFields][]float64, smooth float64) [NumFields][]float64 {
	var out [NumFields][]float64
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

func maxDelta(a, b [NumFields][]float64) float64 {
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
