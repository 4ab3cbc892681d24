package tabular

import "strconv"

// Score compares predicted pairs with the truth: a true pair is two
// records of one entity that the mode concerns (within the file when
// deduplicating, across the files when linking).
type Score struct {
	TruePairs int64
	PredPairs int64
	Correct   int64 // predicted pairs that are true
	Precision float64
	Recall    float64
	F1        float64
}

// HasTruth reports whether the config named a truth column.
func (r *Result) HasTruth() bool { return r.truth != nil }

// ScorePairs scores the MATCH pairs.
func (r *Result) ScorePairs() Score {
	var s Score
	for _, p := range r.Pairs {
		if p.Match {
			s.PredPairs++
			if r.same(p.A, p.B) {
				s.Correct++
			}
		}
	}
	s.TruePairs = r.truePairs()
	return s.rates()
}

// ScoreClusters scores the clusters: every two records of one cluster
// (across the files when linking) is a predicted pair.
func (r *Result) ScoreClusters() Score {
	type both struct {
		entity int32
		truth  string
	}
	byEntity := map[int32]*sides{}
	byBoth := map[both]*sides{}
	for i, e := range r.Entity {
		count(r, byEntity, e, int32(i))
		count(r, byBoth, both{e, r.truthKey(int32(i))}, int32(i))
	}
	var s Score
	for _, c := range byEntity {
		s.PredPairs += r.pairsOf(c)
	}
	for _, c := range byBoth {
		s.Correct += r.pairsOf(c)
	}
	s.TruePairs = r.truePairs()
	return s.rates()
}

// truePairs counts the pairs of records of one true entity.
func (r *Result) truePairs() int64 {
	byTruth := map[string]*sides{}
	for i := range r.IDs {
		count(r, byTruth, r.truthKey(int32(i)), int32(i))
	}
	var n int64
	for _, c := range byTruth {
		n += r.pairsOf(c)
	}
	return n
}

// sides counts a group's records per file.
type sides struct{ left, right int64 }

// count adds record i to the group key of groups.
func count[K comparable](r *Result, groups map[K]*sides, key K, i int32) {
	c := groups[key]
	if c == nil {
		c = &sides{}
		groups[key] = c
	}
	if r.isLeft(i) {
		c.left++
	} else {
		c.right++
	}
}

// pairsOf is the pairs among a group's records: across the files when
// linking, all of them when deduplicating (all records are left).
func (r *Result) pairsOf(c *sides) int64 {
	if r.Link {
		return c.left * c.right
	}
	return c.left * (c.left - 1) / 2
}

func (r *Result) isLeft(i int32) bool { return int(i) < r.NLeft }

// same reports whether records a and b are of one true entity.
func (r *Result) same(a, b int32) bool { return r.truthKey(a) == r.truthKey(b) }

// truthKey is the record's true entity; a record without one is an
// entity of its own.
func (r *Result) truthKey(i int32) string {
	if t := r.truth[i]; t != "" {
		return t
	}
	return "\x00record " + strconv.Itoa(int(i))
}

func (s Score) rates() Score {
	s.Precision = ratio(s.Correct, s.PredPairs)
	s.Recall = ratio(s.Correct, s.TruePairs)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
