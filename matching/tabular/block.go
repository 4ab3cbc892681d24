package tabular

import (
	"github.com/vethub/vethub/matching/parallel"

	"slices"
	"strconv"
	"strings"

	"github.com/vethub/vethub/matching/chinese"
)

// Pair is two records (indexes into the run's records, A < B; in link
// mode A is of the left file and B of the right).
type Pair struct{ A, B int32 }

// rule is a blocking rule with each record's key hashed.
type rule struct {
	name string
	// ignores marks the fields its key makes agree: within its blocks that
	// agreement is no evidence, so training on its pairs leaves them out.
	ignores []bool
	hashes  []uint64 // per record; 0 when a part of the key is missing
}

// BlockStats says what blocking did.
type BlockStats struct {
	Pairs        int      // distinct pairs compared
	Rules        []string // the rules' names
	PairsPerRule []int    // pairs each rule proposed (before removing repeats)
	Oversized    int      // blocks skipped for holding more than max_block records
}

// prepareRules computes every record's key under every rule.
func prepareRules(c *Config, sides []*side) []rule {
	rules := make([]rule, len(c.Blocking))
	for r, rc := range c.Blocking {
		rl := &rules[r]
		rl.name = ruleName(rc)
		rl.ignores = make([]bool, len(c.Fields))
		for f := range c.Fields {
			rl.ignores[f] = slices.ContainsFunc(rc.Keys, func(k KeyConfig) bool { return k.Column == c.Fields[f].Column })
		}
		for _, s := range sides {
			hashes := make([]uint64, len(s.rows))
			parallel.Chunks(len(s.rows), func(from, to int) {
				parts := make([]string, len(rc.Keys))
				for i := from; i < to; i++ {
					for k := range rc.Keys {
						parts[k] = transform(&rc.Keys[k], s.table.value(s.rows[i], s.cols.keys[r][k]))
					}
					hashes[i] = hashKey(r, parts)
				}
			})
			rl.hashes = append(rl.hashes, hashes...)
		}
	}
	return rules
}

// ruleName is the rule's name, or its keys: "soundex(surname)+postcode".
func ruleName(rc RuleConfig) string {
	if rc.Name != "" {
		return rc.Name
	}
	parts := make([]string, len(rc.Keys))
	for i, k := range rc.Keys {
		switch k.Transform {
		case "exact":
			parts[i] = k.Column
		case "prefix":
			parts[i] = "prefix" + strconv.Itoa(k.Chars) + "(" + k.Column + ")"
		default:
			parts[i] = k.Transform + "(" + k.Column + ")"
		}
	}
	return strings.Join(parts, "+")
}

// transform is one part of a blocking key from a raw value.
func transform(k *KeyConfig, raw string) string {
	text := prepareText(raw).text
	switch k.Transform {
	case "prefix":
		return runePrefix(text, k.Chars)
	case "soundex":
		return soundex(text)
	case "pinyin":
		return strings.Join(chinese.Pinyin(raw), "")
	case "surname_pinyin":
		if text == "" {
			return ""
		}
		return chinese.Prepare(raw).SurnamePinyin
	}
	return text
}

// runePrefix is the first n characters of s, or s when it is shorter.
func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// hashKey is FNV-1a over the rule number and the parts, or 0 when a part
// is missing (a key of the other parts alone would block too widely).
func hashKey(rule int, parts []string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(rule)) * prime
	for _, p := range parts {
		if p == "" {
			return 0
		}
		for i := 0; i < len(p); i++ {
			h = (h ^ uint64(p[i])) * prime
		}
		h = (h ^ 0xff) * prime // part separator: never a byte of UTF-8 text
	}
	return max(h, 1)
}

// comparePairs orders pairs by A, then B.
func comparePairs(a, b Pair) int {
	if a.A != b.A {
		return int(a.A - b.A)
	}
	return int(a.B - b.B)
}

type keyed struct {
	h uint64
	i int32
}

// block returns the distinct candidate pairs, sorted, and each rule's
// pairs for training. Keys are sorted rather than kept in maps: the
// memory stays a few words per record. A block larger than maxBlock is
// skipped: a key everyone shares separates nobody.
func block(d *dataset, maxBlock int) ([]Pair, [][]Pair, BlockStats) {
	var st BlockStats
	var pairs []Pair
	byRule := make([][]Pair, len(d.rules))
	for r := range d.rules {
		before := len(pairs)
		pairs = d.blockRule(&d.rules[r], maxBlock, pairs, &st)
		byRule[r] = slices.Clone(pairs[before:])
		st.Rules = append(st.Rules, d.rules[r].name)
		st.PairsPerRule = append(st.PairsPerRule, len(pairs)-before)
	}
	slices.SortFunc(pairs, comparePairs)
	pairs = slices.Compact(pairs)
	st.Pairs = len(pairs)
	return pairs, byRule, st
}

// blockRule appends the pairs of one rule's blocks.
func (d *dataset) blockRule(rl *rule, maxBlock int, pairs []Pair, st *BlockStats) []Pair {
	keys := make([]keyed, 0, len(rl.hashes))
	for i, h := range rl.hashes {
		if h != 0 {
			keys = append(keys, keyed{h, int32(i)})
		}
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		if a.h != b.h {
			return cmpUint64(a.h, b.h)
		}
		return int(a.i - b.i)
	})
	for start := 0; start < len(keys); {
		end := start + 1
		for end < len(keys) && keys[end].h == keys[start].h {
			end++
		}
		if end-start > maxBlock {
			st.Oversized++
		} else {
			pairs = d.blockPairs(keys[start:end], pairs)
		}
		start = end
	}
	return pairs
}

// blockPairs appends the pairs of one block (sorted by record): all of
// them when deduplicating, only left × right when linking.
func (d *dataset) blockPairs(b []keyed, pairs []Pair) []Pair {
	if d.link {
		split := 0 // the right file's records come last
		for split < len(b) && int(b[split].i) < d.nLeft {
			split++
		}
		for _, x := range b[:split] {
			for _, y := range b[split:] {
				pairs = append(pairs, Pair{x.i, y.i})
			}
		}
		return pairs
	}
	for x := range b {
		for y := x + 1; y < len(b); y++ {
			pairs = append(pairs, Pair{b[x].i, b[y].i})
		}
	}
	return pairs
}

func cmpUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
