package hardship

import (
	"strings"

	"github.com/vethub/vethub/feed"
)

// param returns the threshold name for a region code: from the longest
// prefix that sets it, so a county's 低保 standard overrides its
// province's. ok is false when no prefix sets it (the condition then
// cannot hold: a guessed 低保 standard would make false leads).
func (rs *RuleSet) param(code, name string) (x float64, ok bool) {
	for i := range rs.regions {
		r := &rs.regions[i]
		if !strings.HasPrefix(code, r.prefix) {
			continue
		}
		if x, ok := r.params[name]; ok {
			return x, true
		}
	}
	return 0, false
}

// Param returns the threshold name for a region code as Evaluate uses it,
// for display and tests; ok is false when no region prefix sets it.
func (rs *RuleSet) Param(code, name string) (float64, bool) { return rs.param(code, name) }

// cutoffs are the staleness limits of one rule on one day: records
// confirmed on or after full count fully, on or after ignore partly.
type cutoffs struct {
	full, ignore feed.Date
	staleWeight  float64
}

func newCutoffs(s Staleness, today feed.Date) cutoffs {
	return cutoffs{
		full:        feed.Date{Time: today.AddDate(0, -s.FullWeightMonths, 0)},
		ignore:      feed.Date{Time: today.AddDate(0, -s.IgnoreAfterMonths, 0)},
		staleWeight: s.StaleWeight,
	}
}

// weight is how much a record confirmed on asOf counts: 1, staleWeight or
// 0 (not at all).
func (c *cutoffs) weight(asOf feed.Date) float64 {
	switch {
	case !asOf.Before(c.full.Time):
		return 1
	case !asOf.Before(c.ignore.Time):
		return c.staleWeight
	}
	return 0
}
