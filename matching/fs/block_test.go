package fs

import (
	"slices"
	"testing"
)

// The rules are blocked concurrently: the result must still be every
// rule's pairs, in one sorted list without repeats, the same every time.
func TestBlockIsTheRulesUnion(t *testing.T) {
	pop, _ := population(2000, 3)
	recs := prepareAll(pop)
	pairs, st := block(recs, 50)
	var union []Pair
	for ri, rule := range blockingRules {
		if st.PairsPerRule[rule.name] != len(st.byRule[ri]) {
			t.Fatalf("rule %s: %d pairs counted, %d kept", rule.name, st.PairsPerRule[rule.name], len(st.byRule[ri]))
		}
		union = append(union, st.byRule[ri]...)
	}
	slices.SortFunc(union, func(a, b Pair) int {
		if a.A != b.A {
			return int(a.A - b.A)
		}
		return int(a.B - b.B)
	})
	union = slices.Compact(union)
	if !slices.Equal(pairs, union) || st.Pairs != len(pairs) || len(pairs) == 0 {
		t.Fatalf("%d pairs, want the %d distinct pairs of the rules", len(pairs), len(union))
	}
	again, _ := block(recs, 50)
	if !slices.Equal(pairs, again) {
		t.Fatal("blocking twice disagrees")
	}
}
