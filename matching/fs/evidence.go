package fs

import "math"

// FieldEvidence is one compared field of a linking pair.
type FieldEvidence struct {
	Field  string  `json:"field"`
	Level  string  `json:"level"`
	Weight float64 `json:"weight"`
}

// Evidence is why a record is with its person: the record of the same
// person it matched best, and how.
type Evidence struct {
	With        int64           `json:"with"` // the other record's Record.ID
	Probability float64         `json:"probability"`
	Weight      float64         `json:"weight"`
	Fields      []FieldEvidence `json:"fields"`
}

// Evidences returns, per record of a result, its best match within its
// person, or nil for a record linked without one (alone, or by its ID
// number only).
func Evidences(records []Record, res Result) []*Evidence {
	best := make([]*ScoredPair, len(records))
	for k := range res.Matches {
		m := &res.Matches[k]
		if res.Person[m.A] != res.Person[m.B] {
			continue
		}
		for _, i := range [2]int32{m.A, m.B} {
			if best[i] == nil || m.Weight > best[i].Weight {
				best[i] = m
			}
		}
	}
	out := make([]*Evidence, len(records))
	for i, m := range best {
		if m == nil {
			continue
		}
		other := m.B
		if other == int32(i) {
			other = m.A
		}
		out[i] = EvidenceOf(records[other].ID, m, res.Model)
	}
	return out
}

// EvidenceOf explains pair m: with is the other record's Record.ID.
func EvidenceOf(with int64, m *ScoredPair, model *Model) *Evidence {
	e := &Evidence{With: with, Probability: m.Probability, Weight: round1(m.Weight)}
	weights := model.Weights(m.Vector)
	for f := Field(0); f < NumFields; f++ {
		if l := m.Vector[f]; l != 0 {
			e.Fields = append(e.Fields, FieldEvidence{Field: f.String(), Level: LevelName(f, l), Weight: round1(weights[f])})
		}
	}
	return e
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
