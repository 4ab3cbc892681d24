package fs

import "testing"

// A single pair joining two persons of two records each is not enough:
// their records must match on average. One person's records all alike
// with the other's do merge.
func TestClusterResistsChaining(t *testing.T) {
	pop, _ := population(400, 5)
	model := Link(pop, Options{Train: TrainOptions{Seed: 2}}).Model
	rec := func(id int64, name, birth, phone, address string) Record {
		return Record{ID: id, Name: name, Sex: "M", Birth: birth, Phone: phone, Region: "330824106001", Address: address}
	}
	cases := []struct {
		name  string
		recs  []Record
		merge bool
	}{
		{"different people, one look-alike pair", []Record{
			rec(0, "王伟", "1980-01-01", "13800000001", "开化县华埠镇1号"),
			rec(1, "王伟", "1980-01-01", "13800000001", "开化县华埠镇1号"),
			rec(2, "李娜", "1975-06-30", "13900000002", "开化县池淮镇8号"),
			rec(3, "李娜", "1975-06-30", "13900000002", "开化县池淮镇8号"),
		}, false},
		{"the same person twice", []Record{
			rec(0, "王伟", "1980-01-01", "13800000001", "开化县华埠镇1号"),
			rec(1, "王伟", "1980-01-01", "13800000001", "开化县华埠镇1号"),
			rec(2, "王伟", "1980-01-01", "13800000001", "开化县华埠镇1号"),
			rec(3, "王伟", "1980-01-01", "13800000001", "开化县华埠镇1号"),
		}, true},
	}
	for _, tc := range cases {
		recs := make([]prepared, len(tc.recs))
		for i := range tc.recs {
			recs[i] = prepare(&tc.recs[i])
		}
		c := newClusterer(recs, model, 0.99)
		// Two strong pairs, then the chaining pair (given as a match, as a
		// look-alike would be).
		c.cluster([]ScoredPair{
			{Pair: Pair{0, 1}, Weight: 40, Probability: 1},
			{Pair: Pair{2, 3}, Weight: 40, Probability: 1},
			{Pair: Pair{1, 2}, Weight: 10, Probability: 0.995},
		})
		got := c.root(0) == c.root(3)
		if got != tc.merge {
			t.Errorf("%s: merged %v, want %v", tc.name, got, tc.merge)
		}
	}
}
