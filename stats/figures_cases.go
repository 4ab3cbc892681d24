package stats

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// caseSeries sums a case metric's "CATEGORY|PRIORITY[|days]" dimensions by
// the part of the key that pick chooses.
func caseSeries(t Totals, metric string, pick func(category, priority string) string) map[string]int64 {
	out := map[string]int64{}
	for dim, v := range t.dims(metric) {
		parts := strings.SplitN(dim, "|", 3)
		if len(parts) >= 2 {
			out[pick(parts[0], parts[1])] += v
		}
	}
	return out
}

// caseDays is the resolution-days histogram of each group pick chooses.
func caseDays(t Totals, pick func(category, priority string) string) map[string]map[int]int64 {
	out := map[string]map[int]int64{}
	for dim, v := range t.dims(MCasesDays) {
		parts := strings.SplitN(dim, "|", 3)
		if len(parts) != 3 {
			continue
		}
		days, err := strconv.Atoi(parts[2])
		if err != nil {
			continue
		}
		g := pick(parts[0], parts[1])
		if out[g] == nil {
			out[g] = map[int]int64{}
		}
		out[g][days] += v
	}
	return out
}

func (s Suppressor) cases(t Totals) CaseFigures {
	all := func(string, string) string { return "" }
	byCategory := func(c, _ string) string { return c }
	byPriority := func(_, p string) string { return p }
	total := s.caseGroups(t, all)
	f := CaseFigures{ByCategory: s.caseGroups(t, byCategory), ByPriority: s.caseGroups(t, byPriority)}
	if len(total) > 0 {
		f.CaseGroup = total[0]
	} else {
		f.CaseGroup = s.caseGroup("", 0, 0, 0, 0, nil)
	}
	f.ResolutionRate = s.Rate(sumValues(caseSeries(t, MCasesResolved, all)), sumValues(caseSeries(t, MCasesOpened, all)))
	return f
}

// caseGroups counts cases by the groups pick makes, in key order (for
// priority: HIGH, MEDIUM, LOW).
func (s Suppressor) caseGroups(t Totals, pick func(string, string) string) []CaseGroup {
	opened, resolved := caseSeries(t, MCasesOpened, pick), caseSeries(t, MCasesResolved, pick)
	dismissed, active := caseSeries(t, MCasesDismissed, pick), caseSeries(t, MCasesActive, pick)
	days := caseDays(t, pick)
	keys := map[string]bool{}
	for _, m := range []map[string]int64{opened, resolved, dismissed, active} {
		for k, v := range m {
			if v != 0 {
				keys[k] = true
			}
		}
	}
	ordered := slices.SortedFunc(maps.Keys(keys), func(a, b string) int {
		if ra, rb := priorityRank(a), priorityRank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	out := make([]CaseGroup, 0, len(ordered))
	for _, k := range ordered {
		out = append(out, s.caseGroup(k, opened[k], resolved[k], dismissed[k], active[k], days[k]))
	}
	return out
}

func (s Suppressor) caseGroup(key string, opened, resolved, dismissed, active int64, days map[int]int64) CaseGroup {
	return CaseGroup{Key: key, Opened: s.Count(opened), Resolved: s.Count(resolved),
		Dismissed: s.Count(dismissed), Active: s.Count(active), MedianDaysToResolve: s.Median(days)}
}

func priorityRank(p string) int {
	switch p {
	case "HIGH":
		return 1
	case "MEDIUM":
		return 2
	case "LOW":
		return 3
	}
	return 4
}

func sumValues(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}
