package synth

import (
	"os"
	"strconv"
	"testing"
)

// BenchmarkGenerate generates SYNTH_BENCH_PERSONS persons (default 20,000)
// per iteration and reports persons per second.
func BenchmarkGenerate(b *testing.B) {
	n := 20000
	if s := os.Getenv("SYNTH_BENCH_PERSONS"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	dir := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Generate(Config{Persons: n, Seed: 1, Noise: NoiseDefault}, dir); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "persons/s")
}
