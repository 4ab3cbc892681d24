package tabular

import "testing"

// BenchmarkDedupe100k deduplicates about 100,000 FEBRL-like rows (60,000
// people, a third of them with one to three duplicates) under the example
// config: one op is the whole run, from the table read to the clusters.
func BenchmarkDedupe100k(b *testing.B) {
	c := loadFebrlConfig(b)
	tab := febrlDedupe(60_000, 9)
	var res *Result
	for b.Loop() {
		var err error
		if res, err = Dedupe(c, tab); err != nil {
			b.Fatal(err)
		}
	}
	s := res.ScoreClusters()
	b.ReportMetric(float64(len(res.IDs)), "records")
	b.ReportMetric(float64(res.Blocking.Pairs), "pairs")
	b.ReportMetric(s.Precision, "precision")
	b.ReportMetric(s.Recall, "recall")
}
