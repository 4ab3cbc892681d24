package tabular

import "slices"

// clusterer merges matched pairs into entities, strongest first. Two
// entities of several records each merge only when their records match
// on average, not through one look-alike pair: fs's rule against chaining.
type clusterer struct {
	d       *dataset
	model   *Model
	parent  []int32
	members [][]int32 // by root
	refused int       // matches the rule refused
	v       []uint8   // scratch vector
}

func newClusterer(d *dataset, m *Model) *clusterer {
	c := &clusterer{d: d, model: m, parent: make([]int32, len(d.ids)),
		members: make([][]int32, len(d.ids)), v: make([]uint8, len(d.fields))}
	for i := range c.parent {
		c.parent[i] = int32(i)
		c.members[i] = []int32{int32(i)}
	}
	return c
}

// cluster merges the matches in order of weight, ties by record order,
// so the result is deterministic.
func (c *clusterer) cluster(matches []ScoredPair) {
	matches = slices.Clone(matches)
	slices.SortFunc(matches, func(a, b ScoredPair) int {
		switch {
		case a.Weight > b.Weight:
			return -1
		case a.Weight < b.Weight:
			return 1
		}
		return comparePairs(a.Pair, b.Pair)
	})
	for _, m := range matches {
		ra, rb := c.root(m.A), c.root(m.B)
		switch {
		case ra == rb:
		case !c.compatible(ra, rb):
			c.refused++
		default:
			c.union(ra, rb)
		}
	}
}

// compatible reports whether the entities rooted at a and b may merge: one
// of them is a single record, or their records match on average.
func (c *clusterer) compatible(a, b int32) bool {
	ma, mb := c.members[a], c.members[b]
	if len(ma) < 2 || len(mb) < 2 {
		return true
	}
	var sum float64
	for _, x := range ma {
		for _, y := range mb {
			x, y := min(x, y), max(x, y)
			c.d.compare(x, y, c.v)
			sum += c.model.Probability(c.model.weight(x, c.v))
		}
	}
	return sum/float64(len(ma)*len(mb)) >= 0.5
}

func (c *clusterer) root(i int32) int32 {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = c.parent[i]
	}
	return i
}

// union makes the lower record index the root, so an entity's
// representative does not depend on merge order.
func (c *clusterer) union(a, b int32) {
	if b < a {
		a, b = b, a
	}
	c.parent[b] = a
	c.members[a] = append(c.members[a], c.members[b]...)
	c.members[b] = nil
}

// labels returns each record's entity as the lowest record index in it.
func (c *clusterer) labels() []int32 {
	out := make([]int32, len(c.parent))
	for i := range out {
		out[i] = c.root(int32(i))
	}
	return out
}
