package tabular

import (
	"time"

	"github.com/vethub/vethub/matching/parallel"
)

// ScoredPair is a compared pair at or above the review probability.
type ScoredPair struct {
	Pair
	Levels      []uint8 // per field
	Weight      float64
	Probability float64
	Match       bool // at or above the match probability; else for review
}

// Result is a linkage or deduplication.
type Result struct {
	Link     bool     // two files
	IDs      []string // per record, the left (or only) file's first
	NLeft    int      // records of the left file
	Fields   []string // compared fields, in config order
	Levels   [][]string
	Pairs    []ScoredPair // MATCH and REVIEW pairs, by A then B
	Matches  int
	Reviews  int
	Entity   []int32 // per record, the lowest record index of its cluster
	Refused  int     // matches the clustering refused (weak chains)
	Blocking BlockStats
	Model    *Model
	Rejected []RowError // rows left out: malformed, or without a unique id
	Took     time.Duration
	truth    []string
}

// Dedupe finds the records of one file that are the same entity.
func Dedupe(c *Config, t *Table) (*Result, error) {
	return run(c, t, nil)
}

// Link finds the records of right that are the same entity as records
// of left; only pairs across the two files are compared.
func Link(c *Config, left, right *Table) (*Result, error) {
	return run(c, left, right)
}

func run(c *Config, left, right *Table) (*Result, error) {
	start := time.Now()
	d, err := newDataset(c, left, right)
	if err != nil {
		return nil, err
	}
	pairs, byRule, bst := block(d, c.MaxBlock)
	vectors := compareAll(d, pairs)
	model := train(d, pairs, vectors, byRule, c.Training)
	res := &Result{Link: d.link, IDs: d.ids, NLeft: d.nLeft, Blocking: bst, Model: model,
		Rejected: d.rejected, truth: d.truth}
	for f := range d.fields {
		res.Fields = append(res.Fields, d.fields[f].name)
		res.Levels = append(res.Levels, d.fields[f].cmp.levels)
	}
	res.Pairs = decide(d, model, pairs, vectors, c.Thresholds)
	var matches []ScoredPair
	for _, p := range res.Pairs {
		if p.Match {
			matches = append(matches, p)
			res.Matches++
		} else {
			res.Reviews++
		}
	}
	cl := newClusterer(d, model)
	cl.cluster(matches)
	res.Entity, res.Refused = cl.labels(), cl.refused
	res.Took = time.Since(start)
	return res, nil
}

// compareAll computes every pair's levels, nf per pair, on every CPU.
func compareAll(d *dataset, pairs []Pair) []uint8 {
	nf := len(d.fields)
	out := make([]uint8, len(pairs)*nf)
	parallel.Chunks(len(pairs), func(from, to int) {
		for k := from; k < to; k++ {
			d.compare(pairs[k].A, pairs[k].B, out[k*nf:(k+1)*nf])
		}
	})
	return out
}

// decide weighs every pair and keeps those at or above the review
// probability, in pair order.
func decide(d *dataset, m *Model, pairs []Pair, vectors []uint8, t Thresholds) []ScoredPair {
	nf := len(d.fields)
	weights := make([]float64, len(pairs))
	parallel.Chunks(len(pairs), func(from, to int) {
		for k := from; k < to; k++ {
			weights[k] = m.weight(pairs[k].A, vectors[k*nf:(k+1)*nf])
		}
	})
	var out []ScoredPair
	for k, w := range weights {
		if p := m.Probability(w); p >= t.Review {
			v := vectors[k*nf : (k+1)*nf : (k+1)*nf]
			out = append(out, ScoredPair{Pair: pairs[k], Levels: v, Weight: w, Probability: p, Match: p >= t.Match})
		}
	}
	return out
}
