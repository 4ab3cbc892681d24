package linker

import (
	"slices"
	"sync"
)

// Index maps block keys to the records that have them: for a new record,
// the records batch linkage would have compared it with. Most keys belong
// to one record, so the bulk lives in one sorted slice (16 bytes an
// entry); keys added since the last merge wait in a map.
type Index struct {
	mu     sync.Mutex
	base   []entry // sorted by key, then record
	delta  map[uint64][]int64
	deltaN int
}

type entry struct {
	key    uint64
	record int64
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{delta: map[uint64][]int64{}} }

// Add files the record under its keys; adding it again is harmless.
func (ix *Index) Add(record int64, keys []uint64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, k := range keys {
		if ix.inBase(k, record) || slices.Contains(ix.delta[k], record) {
			continue
		}
		ix.delta[k] = append(ix.delta[k], record)
		ix.deltaN++
	}
	if ix.deltaN > 1<<16 && ix.deltaN > len(ix.base)/8 {
		ix.merge()
	}
}

// Lookup returns the records filed under key, or nil when there are more
// than max (a key everyone shares separates nobody: batch linkage skips
// such blocks too).
func (ix *Index) Lookup(key uint64, max int) []int64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	from, _ := slices.BinarySearchFunc(ix.base, entry{key: key}, compareEntry)
	to := from
	for to < len(ix.base) && ix.base[to].key == key {
		to++
	}
	d := ix.delta[key]
	if to-from+len(d) > max {
		return nil
	}
	out := make([]int64, 0, to-from+len(d))
	for _, e := range ix.base[from:to] {
		out = append(out, e.record)
	}
	return append(out, d...)
}

// Len is the number of (key, record) entries.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.base) + ix.deltaN
}

func (ix *Index) inBase(key uint64, record int64) bool {
	_, found := slices.BinarySearchFunc(ix.base, entry{key, record}, compareEntry)
	return found
}

// merge moves the waiting keys into the sorted slice.
func (ix *Index) merge() {
	base := slices.Grow(ix.base, ix.deltaN)
	for k, records := range ix.delta {
		for _, r := range records {
			base = append(base, entry{k, r})
		}
	}
	slices.SortFunc(base, compareEntry)
	ix.base, ix.delta, ix.deltaN = base, map[uint64][]int64{}, 0
}

func compareEntry(a, b entry) int {
	switch {
	case a.key < b.key:
		return -1
	case a.key > b.key:
		return 1
	case a.record < b.record:
		return -1
	case a.record > b.record:
		return 1
	}
	return 0
}

// load replaces the index's content with records' keys, in bulk.
func (ix *Index) load(entries []entry) {
	slices.SortFunc(entries, compareEntry)
	entries = slices.Compact(entries)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.base, ix.delta, ix.deltaN = entries, map[uint64][]int64{}, 0
}
