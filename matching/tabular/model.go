package tabular

import (
	"math"

	"github.com/vethub/vethub/matching/em"
)

// Model holds the Fellegi–Sunter parameters: per field and level, m (the
// probability of the level among matches) and u (among non-matches), and
// Lambda, the share of matches among the blocked pairs.
type Model struct {
	Lambda float64
	M, U   em.Probs
	level  [][]float64 // log2(m/u) per field and level
	d      *dataset    // for the term frequencies
}

func newModel(d *dataset, lambda float64, m, u em.Probs) *Model {
	mod := &Model{Lambda: lambda, M: m, U: u, d: d, level: make([][]float64, len(m))}
	for f := range m {
		mod.level[f] = make([]float64, len(m[f]))
		for l := 1; l < len(m[f]); l++ {
			mod.level[f][l] = math.Log2(m[f][l] / u[f][l])
		}
	}
	return mod
}

// weight is the match weight of records a and b at levels v: the sum over
// fields of log2(m/u), with a shared value's frequency in place of the
// level's average u where the field asks for it.
func (m *Model) weight(a int32, v []uint8) float64 {
	var w float64
	for f, l := range v {
		if l == 0 {
			continue
		}
		w += m.level[f][l]
		if fl := &m.d.fields[f]; fl.tf != nil {
			w += m.tfAdjust(fl, f, a, l)
		}
	}
	return w
}

// tfAdjust is log2 of the level's average u over the share of records
// holding the value, bounded so one field cannot outweigh the rest: two
// records sharing a common surname say less than two sharing a rare one.
func (m *Model) tfAdjust(fl *field, f int, a int32, l uint8) float64 {
	key := fl.cmp.tfKey(&fl.values[a], l)
	if key == "" {
		return 0
	}
	share := max(fl.tf[key], 1/float64(len(fl.values)))
	return min(max(math.Log2(m.U[f][l]/share), -6), 6)
}

// Probability turns a weight into the posterior probability of a match
// among blocked pairs.
func (m *Model) Probability(w float64) float64 {
	prior := math.Log2(m.Lambda / (1 - m.Lambda))
	return 1 / (1 + math.Exp2(-(w + prior)))
}
