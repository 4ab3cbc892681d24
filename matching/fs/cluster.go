package fs

import (
	"slices"
)

// ScoredPair is a compared pair with its weight and match probability.
type ScoredPair struct {
	Pair
	Vector      Vector
	Weight      float64
	Probability float64
}

// clusterer merges matched pairs into persons, strongest first. Two rules
// keep it from chaining: a person never holds two different valid ID
// numbers, and two persons of several records each merge only when their
// records match on average, not through one weak pair.
type clusterer struct {
	recs     []prepared
	model    *Model
	minProb  float64
	parent   []int32
	members  [][]int32         // by root
	validID  []string          // by root: the valid (non-legacy) ID number it holds
	apart    map[int32][]int32 // records a person decided must not share a person
	rejected int               // matches refused by the rules
}

// cannotLink records pairs decided to be different people (record ids,
// mapped by index); compatible refuses any merge that would join them.
func (c *clusterer) cannotLink(pairs [][2]int64, index map[int64]int32) {
	c.apart = map[int32][]int32{}
	for _, p := range pairs {
		a, okA := index[p[0]]
		b, okB := index[p[1]]
		if okA && okB {
			c.apart[a] = append(c.apart[a], b)
			c.apart[b] = append(c.apart[b], a)
		}
	}
}

// decidedLinks joins pairs decided to be one person, unless that breaks
// the rules (then the decision waits for a review of its own).
func (c *clusterer) decidedLinks(pairs [][2]int64, index map[int64]int32) {
	for _, p := range pairs {
		a, okA := index[p[0]]
		b, okB := index[p[1]]
		if !okA || !okB {
			continue
		}
		if ra, rb := c.root(a), c.root(b); ra != rb && c.allowed(ra, rb) {
			c.union(ra, rb)
		}
	}
}

// allowed applies the hard rules: one valid ID number per person, and no
// pair decided apart in one person.
func (c *clusterer) allowed(a, b int32) bool {
	if x, y := c.validID[a], c.validID[b]; x != "" && y != "" && x != y {
		return false
	}
	small, other := a, b
	if len(c.members[a]) > len(c.members[b]) {
		small, other = b, a
	}
	for _, m := range c.members[small] {
		for _, q := range c.apart[m] {
			if c.root(q) == other {
				return false
			}
		}
	}
	return true
}

func newClusterer(recs []prepared, m *Model, minProb float64) *clusterer {
	c := &clusterer{recs: recs, model: m, minProb: minProb,
		parent: make([]int32, len(recs)), members: make([][]int32, len(recs)), validID: make([]string, len(recs))}
	for i := range recs {
		c.parent[i] = int32(i)
		c.members[i] = []int32{int32(i)}
		if r := recs[i]; r.IDValid && !r.IDLegacy {
			c.validID[i] = r.IDNumber
		}
	}
	return c
}

func (c *clusterer) root(i int32) int32 {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = c.parent[i]
	}
	return i
}

// mustLink puts records with the same valid ID number in one person before
// any weighing: the hub's exact-ID rule, which incremental linkage keeps
// applying to new records. Only a person's decision that two records are
// different people (an ID number given twice by mistake) overrides it.
func (c *clusterer) mustLink() {
	first := map[string]int32{}
	for i := range c.recs {
		r := &c.recs[i]
		if !r.IDValid || r.IDNumber == "" {
			continue
		}
		if j, ok := first[r.IDNumber]; ok {
			if ra, rb := c.root(j), c.root(int32(i)); ra != rb && c.allowed(ra, rb) {
				c.union(ra, rb)
			}
			continue
		}
		first[r.IDNumber] = int32(i)
	}
}

// cluster merges the matches (probability ≥ minProb) in order of weight,
// ties by record order, so the result is deterministic.
func (c *clusterer) cluster(matches []ScoredPair) {
	slices.SortFunc(matches, func(a, b ScoredPair) int {
		switch {
		case a.Weight > b.Weight:
			return -1
		case a.Weight < b.Weight:
			return 1
		case a.A != b.A:
			return int(a.A - b.A)
		}
		return int(a.B - b.B)
	})
	for _, m := range matches {
		ra, rb := c.root(m.A), c.root(m.B)
		if ra == rb {
			continue
		}
		if !c.compatible(ra, rb) {
			c.rejected++
			continue
		}
		c.union(ra, rb)
	}
}

// compatible applies the two rules to the persons rooted at a and b.
func (c *clusterer) compatible(a, b int32) bool {
	if !c.allowed(a, b) {
		return false
	}
	ma, mb := c.members[a], c.members[b]
	if len(ma) < 2 || len(mb) < 2 {
		return true
	}
	var sum float64
	for _, x := range ma {
		for _, y := range mb {
			p, q := &c.recs[x], &c.recs[y]
			v := compare(p, q)
			sum += c.model.Probability(c.model.weight(p, q, v))
		}
	}
	return sum/float64(len(ma)*len(mb)) >= 0.5
}

// union makes the lower record index the root, so a person's
// representative does not depend on merge order.
func (c *clusterer) union(a, b int32) {
	if b < a {
		a, b = b, a
	}
	c.parent[b] = a
	c.members[a] = append(c.members[a], c.members[b]...)
	c.members[b] = nil
	if c.validID[a] == "" {
		c.validID[a] = c.validID[b]
	}
}

// labels returns each record's person as the lowest record index in it.
func (c *clusterer) labels() []int32 {
	out := make([]int32, len(c.parent))
	for i := range out {
		out[i] = c.root(int32(i))
	}
	return out
}
