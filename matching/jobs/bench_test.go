package jobs

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"
)

// Top-10 jobs for one person among 100,000 postings (target p50 < 20 ms).
// The loop also reports the 50th and 99th percentile of single queries.
func BenchmarkJobIndexTop10Of100k(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	idx := NewJobIndex(randomPostings(r, 100_000), DefaultWeights())
	profiles := randomProfiles(r, 1000)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		idx.Top(&profiles[i%len(profiles)], 10, testToday)
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

// Top-10 candidates for one posting among 1,000,000 profiles (target
// < 200 ms).
func BenchmarkProfileIndexCandidatesOf1M(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 2))
	idx := NewProfileIndex(randomProfiles(r, 1_000_000), DefaultWeights())
	postings := randomPostings(r, 1000)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		idx.Candidates(&postings[i%len(postings)], 10, testToday)
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	s := slices.Clone(lat)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	b.ReportMetric(float64(s[len(s)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(s[len(s)*99/100].Microseconds()), "p99-µs")
}
