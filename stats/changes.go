package stats

import "slices"

// Changes sums how the counters move as entities' facts change, before
// the moves are rolled up to the regions' ancestors.
type Changes map[Key]int64

// Add counts one entity's facts changing from old to new.
func (c Changes) Add(old, new Facts) {
	for _, it := range old.Items() {
		c[it.Key] -= it.Value
	}
	for _, it := range new.Items() {
		c[it.Key] += it.Value
	}
}

// Items are the counter moves, rolled up to every ancestor region, those
// that cancel out left out. They are sorted, so concurrent writers update
// shared counters in one order.
func (c Changes) Items() []Item { return rollUp(c) }

// Delta is what the counters move by when one entity's facts change.
func Delta(old, new Facts) []Item {
	c := Changes{}
	c.Add(old, new)
	return c.Items()
}

// rollUp spreads increments to the regions' ancestors and sorts them.
func rollUp(sum map[Key]int64) []Item {
	all := map[Key]int64{}
	for k, v := range sum {
		if v == 0 {
			continue
		}
		for _, r := range Ancestors(k.Region) {
			k.Region = r
			all[k] += v
		}
	}
	out := make([]Item, 0, len(all))
	for k, v := range all {
		if v != 0 {
			out = append(out, Item{k, v})
		}
	}
	sortItems(out)
	return out
}

// sortItems orders items by region, metric, dimension and month.
func sortItems(items []Item) {
	slices.SortFunc(items, func(a, b Item) int {
		switch {
		case a.Region != b.Region:
			return cmpStr(a.Region, b.Region)
		case a.Metric != b.Metric:
			return cmpStr(a.Metric, b.Metric)
		case a.Dim != b.Dim:
			return cmpStr(a.Dim, b.Dim)
		}
		return int(a.Month - b.Month)
	})
}

func cmpStr(a, b string) int {
	if a < b {
		return -1
	}
	return 1
}
