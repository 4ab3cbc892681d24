package linker

import (
	"slices"
	"testing"
)

// The index answers the same before and after its waiting keys are merged
// into the sorted slice, files a record once per key, and leaves out keys
// shared by more records than asked for.
func TestIndexLookupAcrossMerges(t *testing.T) {
	ix := NewIndex()
	ix.load([]entry{{1, 10}, {2, 20}, {1, 11}, {1, 10}})
	ix.Add(12, []uint64{1, 3})
	ix.Add(12, []uint64{1}) // again: no duplicate
	check := func(when string) {
		t.Helper()
		got := ix.Lookup(1, 10)
		slices.Sort(got)
		if !slices.Equal(got, []int64{10, 11, 12}) {
			t.Fatalf("%s: key 1 → %v", when, got)
		}
		if got := ix.Lookup(3, 10); !slices.Equal(got, []int64{12}) {
			t.Fatalf("%s: key 3 → %v", when, got)
		}
		if got := ix.Lookup(1, 2); got != nil {
			t.Fatalf("%s: a key of 3 records with max 2 → %v, want none", when, got)
		}
		if got := ix.Lookup(9, 10); len(got) != 0 {
			t.Fatalf("%s: unknown key → %v", when, got)
		}
	}
	check("before merging")
	if ix.Len() != 5 {
		t.Fatalf("%d entries, want 5", ix.Len())
	}
	ix.mu.Lock()
	ix.merge()
	ix.mu.Unlock()
	check("after merging")
}
