package hardship

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/vethub/vethub/feed"
)

// Evaluator applies one rule set on one day. It is safe for concurrent
// use; build one per run rather than calling Evaluate per person, which
// recomputes the staleness limits.
type Evaluator struct {
	rs    *RuleSet
	today feed.Date
	cuts  []cutoffs // by rule
}

// NewEvaluator prepares rs for evaluations as of today (its calendar date
// in its own location).
func NewEvaluator(rs *RuleSet, today time.Time) *Evaluator {
	y, m, d := today.Date()
	ev := &Evaluator{rs: rs, today: feed.NewDate(y, m, d)}
	for _, r := range rs.Rules {
		ev.cuts = append(ev.cuts, newCutoffs(r.Staleness, ev.today))
	}
	return ev
}

// Evaluate applies every rule of rs to p. See Evaluator.Evaluate.
func Evaluate(rs *RuleSet, p Person, today time.Time) ([]Flag, error) {
	return NewEvaluator(rs, today).Evaluate(p)
}

// Evaluate returns p's flags, most urgent first (priority, then score
// descending, then rule id); the same records always give the same flags,
// whatever their order. It fails only when a record's attributes do not
// decode, which records validated by package feed never do.
func (ev *Evaluator) Evaluate(p Person) ([]Flag, error) {
	f, err := buildFacts(p, ev.today)
	if err != nil {
		return nil, err
	}
	e := evaluation{rs: ev.rs, f: &f}
	var flags []Flag
	for i := range ev.rs.Rules {
		r := &ev.rs.Rules[i]
		if w, ok := e.all(r.when, &ev.cuts[i]); ok {
			flags = append(flags, e.flag(p.ID, r, &ev.cuts[i], w))
		}
	}
	slices.SortFunc(flags, func(a, b Flag) int {
		return cmp.Or(cmp.Compare(a.Priority.rank(), b.Priority.rank()),
			cmp.Compare(b.Score, a.Score), strings.Compare(a.Rule, b.Rule))
	})
	return flags, nil
}

// evaluation is one person under one rule set.
type evaluation struct {
	rs *RuleSet
	f  *facts
}

// all reports whether every condition holds, and the weight of the
// stalest evidence among them.
func (e *evaluation) all(when []cond, cut *cutoffs) (float64, bool) {
	w := 1.0
	for i := range when {
		cw, ok := e.holds(&when[i], cut)
		if !ok {
			return 0, false
		}
		w = min(w, cw)
	}
	return w, true
}

// holds tests one condition; a group holds with the weight of its best
// alternative.
func (e *evaluation) holds(c *cond, cut *cutoffs) (float64, bool) {
	if c.op == opAny {
		best := 0.0
		for i := range c.any {
			if w, ok := e.holds(&c.any[i], cut); ok {
				best = max(best, w)
			}
		}
		return best, best > 0
	}
	v := c.fact.get(e.f, c.window)
	if !v.known {
		return 0, false
	}
	w := e.weight(c.fact, v.src, cut)
	if w == 0 || !e.test(c, v) {
		return 0, false
	}
	return w, true
}

// weight ages a fact by its record and, for a derived fact, by the
// records of its inputs.
func (e *evaluation) weight(d *factDef, src *source, cut *cutoffs) float64 {
	if d.timeless {
		return 1
	}
	w := cut.weight(src.asOf)
	for _, name := range d.inputs {
		in := &catalog[factByName[name]]
		if v := in.get(e.f, defaultWindowDays); v.known {
			w = min(w, cut.weight(v.src.asOf))
		}
	}
	return w
}

// test compares a known value with the condition.
func (e *evaluation) test(c *cond, v value) bool {
	switch c.op {
	case opIs:
		return v.b == c.b
	case opIn:
		return slices.Contains(c.values, v.s)
	case opNotIn:
		return !slices.Contains(c.values, v.s)
	case opNotEmpty:
		return len(v.set) > 0
	case opAnyOf:
		return anyOf(v.set, c.values)
	}
	t, ok := e.threshold(c)
	if !ok {
		return false
	}
	switch c.op {
	case opLT:
		return v.num < t
	case opLE:
		return v.num <= t
	case opGT:
		return v.num > t
	}
	return v.num >= t
}

// threshold is the number a condition compares with, for this person's
// region when it names a param.
func (e *evaluation) threshold(c *cond) (float64, bool) {
	if c.param == "" {
		return c.num, true
	}
	x, ok := e.rs.param(e.f.region, c.param)
	return x * c.times, ok
}

// anyOf reports whether an item equals a wanted value or, for ICD-10
// codes, falls under it (C34 covers C34.1).
func anyOf(items, want []string) bool {
	for _, it := range items {
		for _, w := range want {
			if it == w || len(it) > len(w) && it[len(w)] == '.' && strings.HasPrefix(it, w) {
				return true
			}
		}
	}
	return false
}
