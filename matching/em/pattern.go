package em

// Pattern is a distinct comparison vector and how many pairs have it: EM
// runs over the few thousand patterns, not the millions of pairs.
type Pattern struct {
	Levels []uint8
	Count  float64
}

// Patterns collects the distinct vectors of a set of pairs in the order
// first seen, so that sums over them, and so training, are deterministic.
type Patterns struct {
	index map[string]int
	list  []Pattern
}

// Add counts one pair's vector; the vector is copied.
func (p *Patterns) Add(levels []uint8) {
	if p.index == nil {
		p.index = map[string]int{}
	}
	i, ok := p.index[string(levels)]
	if !ok {
		i = len(p.list)
		key := string(levels)
		p.index[key] = i
		p.list = append(p.list, Pattern{Levels: []byte(key)})
	}
	p.list[i].Count++
}

// List returns the patterns counted so far.
func (p *Patterns) List() []Pattern { return p.list }
