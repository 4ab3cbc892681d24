package fs

import (
	"github.com/vethub/vethub/matching/parallel"
)

// Options tune Link.
type Options struct {
	MatchProbability  float64 // pairs at or above are linked; default 0.99
	ReviewProbability float64 // pairs at or above, but below the match level, go to review; default 0.5
	MaxBlock          int     // blocks with more records are skipped; default 200
	Train             TrainOptions
	// Decisions a person made (by Record.ID): pairs to keep in one person
	// and pairs never to put in one.
	MustLink, CannotLink [][2]int64
}

func (o Options) withDefaults() Options {
	if o.MatchProbability == 0 {
		o.MatchProbability = 0.99
	}
	if o.ReviewProbability == 0 {
		o.ReviewProbability = 0.5
	}
	if o.MaxBlock == 0 {
		o.MaxBlock = 200
	}
	return o
}

// Result is a linkage: the person of every record and the evidence.
type Result struct {
	// Person holds, per input record, the index of the first record of its
	// person: records with the same value are one person.
	Person   []int32
	Matches  []ScoredPair // pairs at or above the match probability
	Reviews  []ScoredPair // uncertain pairs left in different persons
	Model    *Model
	Pairs    []Pair // every compared pair (the blocking's output)
	Blocking BlockStats
	Rejected int // matches the clustering refused (ID conflict, weak chain)
}

// Link links records into persons. The result is deterministic for the
// same records in the same order and the same options.
func Link(records []Record, o Options) Result {
	o = o.withDefaults()
	recs := prepareAll(records)
	pairs, bst := block(recs, o.MaxBlock)
	vectors := compareAll(recs, pairs)
	model := train(recs, bst.byRule, vectors, o.Train)
	scored := score(recs, pairs, vectors, model)
	res := Result{Model: model, Pairs: pairs, Blocking: bst}
	for _, s := range scored {
		switch {
		case s.Probability >= o.MatchProbability:
			res.Matches = append(res.Matches, s)
		case s.Probability >= o.ReviewProbability:
			res.Reviews = append(res.Reviews, s)
		}
	}
	c := newClusterer(recs, model, o.MatchProbability)
	index := decisionIndex(records, o)
	c.cannotLink(o.CannotLink, index)
	c.mustLink()
	c.decidedLinks(o.MustLink, index)
	c.cluster(res.Matches)
	res.Person, res.Rejected = c.labels(), c.rejected
	res.Reviews = unresolved(res.Reviews, res.Person)
	return res
}

// decisionIndex maps record ids to indexes for the decided pairs; nil
// when there are none (a million-entry map for nothing).
func decisionIndex(records []Record, o Options) map[int64]int32 {
	if len(o.MustLink) == 0 && len(o.CannotLink) == 0 {
		return nil
	}
	index := make(map[int64]int32, len(records))
	for i := range records {
		index[records[i].ID] = int32(i)
	}
	return index
}

// unresolved keeps the review pairs whose records ended in different
// persons: the others were settled by stronger evidence.
func unresolved(reviews []ScoredPair, person []int32) []ScoredPair {
	out := reviews[:0]
	for _, r := range reviews {
		if person[r.A] != person[r.B] {
			out = append(out, r)
		}
	}
	return out
}

func prepareAll(records []Record) []prepared {
	recs := make([]prepared, len(records))
	parallel.Chunks(len(records), func(from, to int) {
		for i := from; i < to; i++ {
			recs[i] = prepare(&records[i])
		}
	})
	return recs
}

func compareAll(recs []prepared, pairs []Pair) []Vector {
	out := make([]Vector, len(pairs))
	parallel.Chunks(len(pairs), func(from, to int) {
		for k := from; k < to; k++ {
			out[k] = compare(&recs[pairs[k].A], &recs[pairs[k].B])
		}
	})
	return out
}

func score(recs []prepared, pairs []Pair, vectors []Vector, m *Model) []ScoredPair {
	out := make([]ScoredPair, len(pairs))
	parallel.Chunks(len(pairs), func(from, to int) {
		for k := from; k < to; k++ {
			p := pairs[k]
			w := m.weight(&recs[p.A], &recs[p.B], vectors[k])
			out[k] = ScoredPair{Pair: p, Vector: vectors[k], Weight: w, Probability: m.Probability(w)}
		}
	})
	return out
}
