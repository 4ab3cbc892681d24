package fs

// Free marks a record in LinkInto's current that belongs to no person yet:
// its link is decided afresh.
const Free = -1

// LinkInto links records into the persons they already form, with a model
// trained before: incremental linkage, judged as Link judges. current
// gives each record's person as it stands (records with the same value
// stay together) or Free; only pairs with a focus record are compared,
// blocked as Link blocks. The focus records' persons then merge with the
// persons they match under the clustering rules of Link (no two valid ID
// numbers, decided pairs, no chaining of two persons through one weak
// pair). Person in the result labels every record's person afterwards as
// Link's does. Deterministic for the same input.
func LinkInto(records []Record, current []int32, focus []bool, m *Model, o Options) Result {
	o = o.withDefaults()
	recs := prepareAll(records)
	all, bst := block(recs, o.MaxBlock)
	pairs := focusPairs(all, current, focus)
	bst.Pairs = len(pairs)
	vectors := compareAll(recs, pairs)
	res := Result{Model: m, Pairs: pairs, Blocking: bst}
	for _, s := range score(recs, pairs, vectors, m) {
		switch {
		case s.Probability >= o.MatchProbability:
			res.Matches = append(res.Matches, s)
		case s.Probability >= o.ReviewProbability:
			res.Reviews = append(res.Reviews, s)
		}
	}
	c := newClusterer(recs, m, o.MatchProbability)
	index := make(map[int64]int32, len(records))
	for i := range records {
		index[records[i].ID] = int32(i)
	}
	c.cannotLink(o.CannotLink, index)
	c.keepCurrent(current)
	c.decidedLinks(o.MustLink, index)
	c.cluster(res.Matches)
	res.Person, res.Rejected = c.labels(), c.rejected
	res.Reviews = unresolved(res.Reviews, res.Person)
	return res
}

// focusPairs keeps the pairs with a focus record on one side, between two
// different persons (pairs within one person would only confirm it).
func focusPairs(pairs []Pair, current []int32, focus []bool) []Pair {
	out := pairs[:0]
	for _, p := range pairs {
		if !focus[p.A] && !focus[p.B] {
			continue
		}
		if ca := current[p.A]; ca != Free && ca == current[p.B] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// keepCurrent joins the records of each current person without weighing
// them: persons as they stand are the starting point, not a question.
func (c *clusterer) keepCurrent(current []int32) {
	first := map[int32]int32{}
	for i, p := range current {
		if p == Free {
			continue
		}
		j, ok := first[p]
		if !ok {
			first[p] = int32(i)
			continue
		}
		if ra, rb := c.root(j), c.root(int32(i)); ra != rb {
			c.union(ra, rb)
		}
	}
}
