package jobs

import (
	"math"
	"strings"
	"testing"
)

func TestScoreLists(t *testing.T) {
	t.Parallel()
	planted, err := ReadPlanted(strings.NewReader(
		`{"personKey":"P1","jobSourceId":"J1","grade":3}
{"personKey":"P1","jobSourceId":"J2","grade":1}
{"personKey":"P2","jobSourceId":"J3","grade":2}
`))
	if err != nil {
		t.Fatal(err)
	}
	ev := ScoreLists(map[string][]string{"P1": {"J2", "X", "J1"}, "P3": {"J1"}}, planted, 10)
	// P1: DCG = 1/log2(2) + 7/log2(4) = 4.5; ideal = 7 + 1/log2(3). P2 has no list.
	wantNDCG := 4.5 / (7 + 1/math.Log2(3)) / 2
	if ev.Seekers != 2 || ev.HitRate != 0.5 || math.Abs(ev.NDCG-wantNDCG) > 1e-12 || math.Abs(ev.Precision-2.0/3) > 1e-12 {
		t.Errorf("got %+v, want 2 seekers, hit rate 0.5, NDCG %.4f, precision 0.667", ev, wantNDCG)
	}
	if _, err := ReadPlanted(strings.NewReader(`{"personKey":"P1","jobSourceId":"J1","grade":4}`)); err == nil {
		t.Error("grade 4 accepted")
	}
}
