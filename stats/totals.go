package stats

// Row is one stored counter of a region: a metric's dimension in a month.
type Row struct {
	Month  Month
	Metric string
	Dim    string
	Value  int64
}

// MetricDim names a counter series.
type MetricDim struct{ Metric, Dim string }

// Sum is a counter series summed two ways: every month up to the period's
// end (the level of a stock) and the period's months alone (a flow).
type Sum struct{ UpTo, In int64 }

// Totals are a region's counters summed for one period, by metric and
// dimension.
type Totals map[string]map[string]Sum

// Add adds a sum to a series.
func (t Totals) Add(k MetricDim, s Sum) {
	dims := t[k.Metric]
	if dims == nil {
		dims = map[string]Sum{}
		t[k.Metric] = dims
	}
	old := dims[k.Dim]
	dims[k.Dim] = Sum{UpTo: old.UpTo + s.UpTo, In: old.In + s.In}
}

// TotalsOf sums a region's monthly rows for the months from first to
// last; rows after last are left out.
func TotalsOf(rows []Row, first, last Month) Totals {
	t := Totals{}
	for _, r := range rows {
		if r.Month > last {
			continue
		}
		s := Sum{UpTo: r.Value}
		if r.Month >= first {
			s.In = r.Value
		}
		t.Add(MetricDim{r.Metric, r.Dim}, s)
	}
	return t
}

// value is a series' figure for the period: its level at the end for a
// stock, its sum over the period for a flow.
func (t Totals) value(metric, dim string) int64 {
	s := t[metric][dim]
	if IsFlow(metric) {
		return s.In
	}
	return s.UpTo
}

// dims lists a metric's dimensions with their values, those with a zero
// value left out.
func (t Totals) dims(metric string) map[string]int64 {
	out := map[string]int64{}
	for dim := range t[metric] {
		if v := t.value(metric, dim); v != 0 {
			out[dim] = v
		}
	}
	return out
}
