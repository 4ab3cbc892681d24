package linker

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/vethub/vethub/matching/fs"
)

// evidenceJSON must write exactly what json.Marshal writes (what earlier
// runs stored), for every float json formats differently.
func TestEvidenceJSONMatchesMarshal(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 77.4, -6.5, 0.999999, 1e-6, 9.9e-7, 1e-7, 1.5e-9,
		1e20, 1e21, 1.5e21, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, 1 / 3.0}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		floats = append(floats, r.NormFloat64()*math.Pow(10, float64(r.IntN(40)-20)))
	}
	var ev []*fs.Evidence
	for i, f := range floats {
		e := &fs.Evidence{With: int64(i) - 5, Probability: f, Weight: -f,
			Fields: []fs.FieldEvidence{{Field: "idNumber", Level: "EXACT", Weight: f / 3}, {Field: "name", Level: "ONE_CHAR_DIFF", Weight: f * 7}}}
		ev = append(ev, e, nil)
	}
	ev = append(ev, &fs.Evidence{With: 1, Probability: 1, Weight: 2},
		&fs.Evidence{Fields: []fs.FieldEvidence{{Field: `a"<b>&\`, Level: "名字\n", Weight: 1}}},
		&fs.Evidence{Weight: math.Inf(-1)}, &fs.Evidence{Probability: math.NaN()})
	got := evidenceJSON(ev)
	for i, e := range ev {
		var want []byte
		if e != nil {
			want, _ = json.Marshal(e)
		}
		if !bytes.Equal(got[i], want) {
			t.Fatalf("evidence %d: got %s, want %s", i, got[i], want)
		}
	}
}

func BenchmarkEvidenceJSON(b *testing.B) {
	ev := make([]*fs.Evidence, 100_000)
	for i := range ev {
		ev[i] = &fs.Evidence{With: int64(i), Probability: 0.9999, Weight: 25.3}
		for f := range 7 {
			ev[i].Fields = append(ev[i].Fields, fs.FieldEvidence{Field: "birthDate", Level: "SAME_YEAR_MONTH", Weight: float64(f) - 2.7})
		}
	}
	for b.Loop() {
		evidenceJSON(ev)
	}
}
