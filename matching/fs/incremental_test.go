package fs

import (
	"encoding/json"
	"errors"
	"testing"
)

// holdOut splits a population into records linked in batch first and
// records arriving later (every third person's last record).
func holdOut(recs []Record, truth []string) (old, later []int) {
	for i := range recs {
		last := i+1 == len(recs) || truth[i+1] != truth[i]
		if last && i > 0 && truth[i-1] == truth[i] && i%3 == 0 {
			later = append(later, i)
			continue
		}
		old = append(old, i)
	}
	return old, later
}

// Records arriving after a batch linkage, linked into its persons in
// small batches, end where batch linkage of everything would put them.
func TestLinkIntoMatchesBatch(t *testing.T) {
	recs, truth := population(3000, 11)
	oldIdx, later := holdOut(recs, truth)
	old := pick(recs, oldIdx)
	batch := Link(old, Options{Train: TrainOptions{Seed: 1}})
	person := map[int64]int32{} // Record.ID → person label
	for i, r := range old {
		person[r.ID] = batch.Person[i]
	}
	for start := 0; start < len(later); start += 50 {
		arriving := map[int64]bool{}
		for _, i := range later[start:min(start+50, len(later))] {
			arriving[recs[i].ID] = true
			person[recs[i].ID] = int32(len(recs) + i) // a person of its own, as exact linkage leaves it
		}
		var in []Record
		var current []int32
		var focus []bool
		for _, r := range recs {
			if p, ok := person[r.ID]; ok {
				in, current, focus = append(in, r), append(current, p), append(focus, arriving[r.ID])
			}
		}
		res := LinkInto(in, current, focus, batch.Model, Options{})
		for i, r := range in { // relabel: the label is a record index within in
			person[r.ID] = int32(in[res.Person[i]].ID)
		}
	}
	labels := make([]int32, len(recs))
	for i, r := range recs {
		labels[i] = person[r.ID]
	}
	s := Evaluate(labels, truth)
	t.Logf("%d records, %d linked incrementally: precision %.4f recall %.4f", len(recs), len(later), s.Precision, s.Recall)
	if s.Precision < 0.998 || s.Recall < 0.98 {
		t.Fatalf("precision %.4f recall %.4f (false merges %d, split %d)", s.Precision, s.Recall, s.FalseMerges, s.MissedPersons)
	}
}

func pick(recs []Record, idx []int) []Record {
	out := make([]Record, len(idx))
	for j, i := range idx {
		out[j] = recs[i]
	}
	return out
}

// A free record leaves a person it no longer matches, and a decision
// apart keeps a matching record out.
func TestLinkIntoFreeAndDecisions(t *testing.T) {
	recs, _ := population(400, 5)
	batch := Link(recs, Options{Train: TrainOptions{Seed: 1}})
	stranger := Record{ID: int64(len(recs)), Name: "欧阳修", Birth: "1911-11-11", Region: "341103100001"}
	twin := recs[0]
	twin.ID = int64(len(recs) + 1)
	in := append(append([]Record{}, recs...), stranger, twin)
	current := append(append([]int32{}, batch.Person...), batch.Person[0], Free) // the stranger wrongly with record 0
	focus := make([]bool, len(in))
	focus[len(in)-2], focus[len(in)-1] = true, true
	current[len(in)-2] = Free // changed: decided afresh
	res := LinkInto(in, current, focus, batch.Model, Options{})
	if res.Person[len(in)-2] == res.Person[0] {
		t.Error("the stranger stayed with record 0")
	}
	if res.Person[len(in)-1] != res.Person[0] {
		t.Error("the twin did not join record 0")
	}
	apart := LinkInto(in, current, focus, batch.Model, Options{CannotLink: [][2]int64{{recs[0].ID, twin.ID}}})
	if apart.Person[len(in)-1] == apart.Person[0] {
		t.Error("a pair decided apart was joined")
	}
}

func TestModelJSONRoundTrip(t *testing.T) {
	recs, _ := population(500, 2)
	res := Link(recs, Options{Train: TrainOptions{Seed: 1}})
	data, err := json.Marshal(res.Model)
	if err != nil {
		t.Fatal(err)
	}
	var back Model
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	a, b := prepare(&recs[0]), prepare(&recs[1])
	v := compare(&a, &b)
	if w1, w2 := res.Model.weight(&a, &b, v), back.weight(&a, &b, v); w1 != w2 {
		t.Fatalf("weight %v after a round trip, %v before", w2, w1)
	}
	var bad Model
	broken := []byte(`{"fields":[{"name":"idNumber","levels":["MISSING"]}]}`)
	if err := json.Unmarshal(broken, &bad); !errors.Is(err, ErrModelLevels) {
		t.Fatalf("a model for other levels loaded: %v", err)
	}
}

func TestBlockKeysAgreeWithBlocking(t *testing.T) {
	recs, _ := population(200, 8)
	pairs, _ := block(prepareAll(recs), 200)
	for _, p := range pairs[:min(len(pairs), 500)] {
		ka, kb := BlockKeys(&recs[p.A]), BlockKeys(&recs[p.B])
		shared := false
		for _, x := range ka {
			for _, y := range kb {
				shared = shared || x == y
			}
		}
		if !shared {
			t.Fatalf("records %d and %d were blocked together but share no key", p.A, p.B)
		}
	}
}
