package jobmatching_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/vethub/vethub/matching/jobs"
	"github.com/vethub/vethub/synth"
)

// BenchmarkJobsForAmong100kPostings times JobsFor in the hub, with
// 100,000 postings indexed (the target: p50 under 20 ms), reading
// the person's records from PostgreSQL each time; p50 and p95 are
// reported as metrics.
func BenchmarkJobsForAmong100kPostings(b *testing.B) {
	dir := b.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 20000, Jobs: 100000, Seed: 3, Noise: synth.NoiseDefault}, dir); err != nil {
		b.Fatal(err)
	}
	h := newHubOf(b, dir, "veteran", "jobs")
	ctx := context.Background()
	var seekers []int64
	err := h.svc.EachSeekerMatches(ctx, 10, func(id int64, _ []jobs.Match) error {
		seekers = append(seekers, id)
		return nil
	})
	if err != nil || len(seekers) == 0 {
		b.Fatalf("%d seekers, %v", len(seekers), err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := h.svc.JobsFor(ctx, seekers[i%len(seekers)], 10); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkCandidatesAmong1MPersons times CandidatesFor in a hub of
// 1,000,000 generated persons (the target: under 200 ms); p50 and
// p95 are reported as metrics. Loading the hub takes minutes.
func BenchmarkCandidatesAmong1MPersons(b *testing.B) {
	dir := b.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 1_000_000, Jobs: 2000, Seed: 3, Noise: synth.NoiseDefault}, dir); err != nil {
		b.Fatal(err)
	}
	h := newHubOf(b, dir, "veteran", "jobs")
	ctx := context.Background()
	var postings []int64
	if err := h.Store.Pool.QueryRow(ctx, `SELECT array_agg(id ORDER BY id) FROM job_postings`).Scan(&postings); err != nil {
		b.Fatal(err)
	}
	if _, err := h.svc.CandidatesFor(ctx, postings[0], 10, nil); err != nil { // builds the index
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := h.svc.CandidatesFor(ctx, postings[i%len(postings)], 10, nil); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}
