package jobs

// ranked is a scored item: its index in the index's sorted slice breaks
// ties, so equal scores come out in sourceId or person id order.
type ranked struct {
	score float64
	idx   int32
}

func (a ranked) before(b ranked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.idx < b.idx
}

// topK keeps the k best items seen, sorted best first, by insertion: k is
// small and most items lose to the current worst at once.
type topK struct {
	k     int
	items []ranked
}

func newTopK(k int) topK { return topK{k: k, items: make([]ranked, 0, k)} }

// worst is the score an item must reach to enter, or -1 while not full.
func (t *topK) worst() float64 {
	if len(t.items) < t.k {
		return -1
	}
	return t.items[len(t.items)-1].score
}

func (t *topK) add(r ranked) {
	n := len(t.items)
	if n == t.k && !r.before(t.items[n-1]) {
		return
	}
	if n < t.k {
		t.items = append(t.items, r)
	} else {
		n--
	}
	i := n
	for ; i > 0 && r.before(t.items[i-1]); i-- {
		t.items[i] = t.items[i-1]
	}
	t.items[i] = r
}
