package fs

import (
	"math"
)

// Model holds the Fellegi–Sunter parameters: per field and level, m (the
// probability of the level among true matches) and u (among non-matches),
// and Lambda, the share of matches among the blocked pairs it was trained
// on. Level 0 (missing) is never used: it carries no evidence.
type Model struct {
	Lambda float64
	M, U   [NumFields][]float64
	tf     termFrequencies
}

// termFrequencies are the shares of records with each normalised name and
// each name pinyin: two records sharing 张伟 say less than two sharing a
// rare name.
type termFrequencies struct {
	name, pinyin map[string]float64
	floor        float64 // 1/records: the share of a name seen once
}

// weight is the pair's match weight: the sum over fields of log2(m/u) at
// the pair's level, with the name's term frequency in place of the average
// u for a same-name level. A pair with two different valid ID numbers
// weighs -Inf: it never merges.
func (m *Model) weight(a, b *prepared, v Vector) float64 {
	if v[FieldID] == IDConflict {
		return math.Inf(-1)
	}
	var w float64
	for f := Field(0); f < NumFields; f++ {
		if l := v[f]; l != 0 {
			w += math.Log2(m.M[f][l] / m.U[f][l])
		}
	}
	return w + m.nameTF(a, v[FieldName])
}

// nameTF adjusts a name agreement by how common the name is: log2 of the
// level's average u over the chance that two records share this very name,
// bounded so one field cannot outweigh the rest.
func (m *Model) nameTF(a *prepared, level uint8) float64 {
	var share float64
	switch level {
	case 1, 2: // exact, same simplified
		share = m.tf.name[a.name.Norm]
	case 3: // same pinyin
		share = m.tf.pinyin[a.name.Pinyin]
	default:
		return 0
	}
	share = max(share, m.tf.floor)
	adj := math.Log2(m.U[FieldName][level] / share)
	return min(max(adj, -6), 6)
}

// Probability turns a weight into the posterior probability of a match
// among blocked pairs.
func (m *Model) Probability(w float64) float64 {
	if math.IsInf(w, -1) {
		return 0
	}
	prior := math.Log2(m.Lambda / (1 - m.Lambda))
	return 1 / (1 + math.Exp2(-(w + prior)))
}

// Weights returns, for explanations, each field's contribution to the
// weight of a pair at vector v (without the term-frequency adjustment).
func (m *Model) Weights(v Vector) [NumFields]float64 {
	var out [NumFields]float64
	for f := Field(0); f < NumFields; f++ {
		if l := v[f]; l != 0 {
			out[f] = math.Log2(m.M[f][l] / m.U[f][l])
		}
	}
	return out
}
