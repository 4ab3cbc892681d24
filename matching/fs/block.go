package fs

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Pair is two records (indexes into the linked slice, A < B).
type Pair struct{ A, B int32 }

// blockingRules give each record its block keys; two records sharing a key
// are compared. Each rule catches what another misses: a mistyped ID
// still shares one half of its digits, a homophone or traditional name
// still has its pinyin, a missing ID leaves name, birth date and phone.
var blockingRules = []struct {
	name string
	key  func(r *prepared) string
	// uses are the fields a rule's key makes agree: within its blocks they
	// say nothing about matching, so training on its pairs ignores them.
	uses []Field
}{
	{"id", func(r *prepared) string { return prefix(r.IDNumber, 17) }, []Field{FieldID}},
	// A typo changes one digit: each of these keeps all but one stretch of
	// the 17 digits (region, birth year, birth month and day, sequence),
	// so one of them survives any one-digit error.
	{"id-but-region", func(r *prepared) string { return idWithout(r, 0, 6) }, []Field{FieldID, FieldName}},
	{"id-but-year", func(r *prepared) string { return idWithout(r, 6, 10) }, []Field{FieldID, FieldName}},
	{"id-but-monthday", func(r *prepared) string { return idWithout(r, 10, 14) }, []Field{FieldID, FieldName}},
	{"id-but-sequence", func(r *prepared) string { return idWithout(r, 14, 17) }, []Field{FieldID, FieldName}},
	{"surname+birth", func(r *prepared) string { return join(r.name.SurnamePinyin, r.birth) }, []Field{FieldName, FieldBirth}},
	{"phone", func(r *prepared) string { return r.Phone }, []Field{FieldPhone}},
	// Name and county alone make large blocks of common names (王伟 in a
	// county of 300,000); half of the birth date splits them, and a typo
	// in the birth date still leaves the other half.
	{"name+county+birth-year", func(r *prepared) string {
		return join(join(r.name.Pinyin, prefix(r.Region, 6)), prefix(r.birth, 4))
	}, []Field{FieldName, FieldRegion}},
	{"name+county+birth-day", func(r *prepared) string {
		return join(join(r.name.Pinyin, prefix(r.Region, 6)), suffixFrom(r.birth, 4))
	}, []Field{FieldName, FieldRegion}},
}

// BlockStats says what blocking did.
type BlockStats struct {
	Pairs         int            // distinct pairs to compare
	byRule        [][]Pair       // each rule's pairs, for training
	PairsPerRule  map[string]int // pairs each rule proposed (before removing repeats)
	OversizedKeys int            // blocks left out for being larger than MaxBlock
}

// block returns the distinct candidate pairs, sorted. Keys are hashed to
// 64 bits and sorted rather than kept in maps: the memory stays a few
// words per record and key. Blocks larger than maxBlock are skipped (a
// key everyone shares separates nobody) and counted. The rules are
// independent, so each is blocked on a core of its own.
func block(recs []prepared, maxBlock int) ([]Pair, BlockStats) {
	n := len(blockingRules)
	st := BlockStats{PairsPerRule: map[string]int{}, byRule: make([][]Pair, n)}
	oversized := make([]int, n)
	sorted := make([][]uint64, n)
	eachRule(func(ri int) {
		st.byRule[ri], oversized[ri] = blockRule(recs, ri, maxBlock)
		sorted[ri] = sortedPairs(st.byRule[ri])
	})
	for ri, rule := range blockingRules {
		st.PairsPerRule[rule.name] = len(st.byRule[ri])
		st.OversizedKeys += oversized[ri]
	}
	pairs := mergePairs(sorted)
	st.Pairs = len(pairs)
	return pairs, st
}

// eachRule runs fn for every blocking rule, on as many cores as there are.
func eachRule(fn func(ri int)) {
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(blockingRules)) {
		wg.Go(func() {
			for ri := int(next.Add(1)) - 1; ri < len(blockingRules); ri = int(next.Add(1)) - 1 {
				fn(ri)
			}
		})
	}
	wg.Wait()
}

// blockRule returns rule ri's pairs, block by block in key order, and the
// number of blocks it skipped for their size.
func blockRule(recs []prepared, ri int, maxBlock int) ([]Pair, int) {
	rule := blockingRules[ri]
	keys := make([]keyed, 0, len(recs))
	for i := range recs {
		if k := rule.key(&recs[i]); k != "" {
			keys = append(keys, keyed{hashKey(ri, k), int32(i)})
		}
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		if a.h != b.h {
			return cmp64(a.h, b.h)
		}
		return int(a.i - b.i)
	})
	var pairs []Pair
	oversized := 0
	for start := 0; start < len(keys); {
		end := start + 1
		for end < len(keys) && keys[end].h == keys[start].h {
			end++
		}
		if end-start > maxBlock {
			oversized++
		} else {
			for x := start; x < end; x++ {
				for y := x + 1; y < end; y++ {
					pairs = append(pairs, Pair{keys[x].i, keys[y].i})
				}
			}
		}
		start = end
	}
	return pairs, oversized
}

// sortedPairs returns pairs as A<<32|B (both are non-negative, so the
// numbers sort as the pairs do), sorted and without repeats.
func sortedPairs(pairs []Pair) []uint64 {
	out := make([]uint64, len(pairs))
	for k, p := range pairs {
		out[k] = uint64(p.A)<<32 | uint64(p.B)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// mergePairs merges sorted lists of pairs into one, without repeats.
func mergePairs(lists [][]uint64) []Pair {
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	out := make([]Pair, 0, total)
	for {
		best := -1
		for li, l := range lists {
			if len(l) > 0 && (best < 0 || l[0] < lists[best][0]) {
				best = li
			}
		}
		if best < 0 {
			return out
		}
		v := lists[best][0]
		lists[best] = lists[best][1:]
		p := Pair{int32(v >> 32), int32(uint32(v))}
		if n := len(out); n == 0 || out[n-1] != p {
			out = append(out, p)
		}
	}
}

type keyed struct {
	h uint64
	i int32
}

// hashKey is FNV-1a over the rule number and the key, inline so hashing
// millions of keys allocates nothing.
func hashKey(rule int, key string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(rule)) * prime
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * prime
	}
	return h
}

func cmp64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// idWithout is the first 17 ID digits without [from, to), with the
// surname's pinyin: small blocks even for the shorter remainders.
func idWithout(r *prepared, from, to int) string {
	id := prefix(r.IDNumber, 17)
	if id == "" {
		return ""
	}
	return join(id[:from]+id[to:], r.name.SurnamePinyin)
}

// suffixFrom is s from byte from on, or "" when s is shorter.
func suffixFrom(s string, from int) string {
	if len(s) <= from {
		return ""
	}
	return s[from:]
}

func prefix(s string, n int) string {
	if len(s) < n {
		return ""
	}
	return s[:n]
}

// join is a key of both parts, or "" when either is missing (a key of one
// part alone would block too widely).
func join(a, b string) string {
	if a == "" || b == "" {
		return ""
	}
	return a + "\x00" + b
}
