package synth

import (
	"context"
	"math/rand/v2"
)

// shardSize is the number of persons per shard. It is fixed, not derived
// from the worker count, so the output never depends on the machine.
const shardSize = 4096

// Output streams of a shard, in file order after the department feeds.
const (
	outTruthRecords = numDepts + iota
	outTruthPersons
	outTruthHardship
	outTruthJobs
	numOut
)

// outFiles names the files the streams go to, relative to the output folder.
var outFiles = [numOut]string{
	"veteran.ndjson", "civil.ndjson", "health.ndjson",
	"truth/records.ndjson", "truth/persons.ndjson", "truth/hardship.ndjson", "truth/jobs.ndjson",
}

// shard is one fixed-size slice of the population on its way to disk.
type shard struct {
	idx      int
	persons  int
	out      [numOut][]byte
	lines    [numDepts][]int32 // start of each record line in out[d]
	stats    shardStats
	matchBuf []match
}

// buildShard generates shard s: persons (in parallel with other shards),
// then ID numbers (strictly in shard order, after idDone[s-1]), then the
// records with their noise (in parallel again).
func (w *world) buildShard(ctx context.Context, s int, reg *idRegistry, idDone []chan struct{}) (*shard, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ps := w.shardPersons(s)
	if s > 0 {
		select {
		case <-idDone[s-1]:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err := reg.assign(ps); err != nil {
		return nil, err
	}
	close(idDone[s])
	sh := &shard{idx: s, persons: len(ps)}
	for k, perPerson := range [numOut]int{700, 420, 420, 120, 330, 20, 10} {
		sh.out[k] = make([]byte, 0, perPerson*len(ps))
	}
	r := newRand(w.cfg.Seed, streamNoise, s)
	for i := range ps {
		w.render(r, &ps[i], sh)
	}
	sh.shuffle(r)
	return sh, nil
}

// shuffle reorders each department's lines within the shard, so that line
// order across files does not pair up a person's records.
func (sh *shard) shuffle(r *rand.Rand) {
	for d := range numDepts {
		lines, buf := sh.lines[d], sh.out[d]
		out := make([]byte, 0, len(buf))
		for _, k := range r.Perm(len(lines)) {
			end := len(buf)
			if k+1 < len(lines) {
				end = int(lines[k+1])
			}
			out = append(out, buf[lines[k]:end]...)
		}
		sh.out[d], sh.lines[d] = out, nil
	}
}
