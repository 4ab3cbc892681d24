package tabular

import (
	"slices"
	"testing"
)

func loadFebrlConfig(t testing.TB) *Config {
	t.Helper()
	c, err := LoadConfig("testdata/febrl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDedupeFindsDuplicatesWithTypos(t *testing.T) {
	res, err := Dedupe(loadFebrlConfig(t), febrlDedupe(5000, 1))
	if err != nil {
		t.Fatal(err)
	}
	pairs, clusters := res.ScorePairs(), res.ScoreClusters()
	t.Logf("%d records, %d pairs compared, %d matches, %d reviews, %d merges refused, lambda %.4f; pairs P %.4f R %.4f; clusters P %.4f R %.4f (%d true pairs)",
		len(res.IDs), res.Blocking.Pairs, res.Matches, res.Reviews, res.Refused, res.Model.Lambda,
		pairs.Precision, pairs.Recall, clusters.Precision, clusters.Recall, clusters.TruePairs)
	if clusters.Precision < 0.98 || clusters.Recall < 0.95 {
		t.Fatalf("clusters: precision %.4f recall %.4f", clusters.Precision, clusters.Recall)
	}
}

func TestLinkFindsTheSamePeopleAcrossFiles(t *testing.T) {
	left, right := febrlLink(5000, 2)
	res, err := Link(loadFebrlConfig(t), left, right)
	if err != nil {
		t.Fatal(err)
	}
	s := res.ScorePairs()
	t.Logf("%d + %d records, %d pairs compared, %d matches, %d reviews, lambda %.4f; pairs P %.4f R %.4f (%d true pairs)",
		res.NLeft, len(res.IDs)-res.NLeft, res.Blocking.Pairs, res.Matches, res.Reviews, res.Model.Lambda,
		s.Precision, s.Recall, s.TruePairs)
	if s.TruePairs != 2500 || s.Precision < 0.98 || s.Recall < 0.95 {
		t.Fatalf("pairs: precision %.4f recall %.4f of %d true pairs", s.Precision, s.Recall, s.TruePairs)
	}
	for _, p := range res.Pairs {
		if int(p.A) >= res.NLeft || int(p.B) < res.NLeft {
			t.Fatalf("pair %s–%s is not left × right", res.IDs[p.A], res.IDs[p.B])
		}
	}
}

func TestDeterministic(t *testing.T) {
	c := loadFebrlConfig(t)
	a, err := Dedupe(c, febrlDedupe(1500, 3))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Dedupe(c, febrlDedupe(1500, 3))
	if !slices.Equal(a.Entity, b.Entity) || len(a.Pairs) != len(b.Pairs) || a.Model.Lambda != b.Model.Lambda {
		t.Fatal("two runs over the same file disagree")
	}
	for i := range a.Pairs {
		if a.Pairs[i].Pair != b.Pairs[i].Pair || a.Pairs[i].Weight != b.Pairs[i].Weight {
			t.Fatalf("pair %d differs between runs", i)
		}
	}
}
