package hardship

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vethub/vethub/synth"
)

// BenchmarkEvaluate measures one person at a time over a generated
// population (about 2.2 records and 0.18 flags per person); ns/op is per
// person.
func BenchmarkEvaluate(b *testing.B) {
	persons := generatedPersons(b)
	ev := NewEvaluator(Default(), synth.DefaultToday)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := ev.Evaluate(persons[i%len(persons)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateParallel runs on every core, as a re-run over all
// persons would; ns/op is per person.
func BenchmarkEvaluateParallel(b *testing.B) {
	persons := generatedPersons(b)
	ev := NewEvaluator(Default(), synth.DefaultToday)
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p := persons[int(next.Add(1))%len(persons)]
			if _, err := ev.Evaluate(p); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
}

var (
	benchOnce    sync.Once
	benchPersons []Person
)

// generatedPersons is a default-noise population of 20,000, generated
// once for all benchmarks.
func generatedPersons(b *testing.B) []Person {
	b.Helper()
	benchOnce.Do(func() {
		for _, p := range generate(b, 20000, 3, synth.NoiseDefault).persons {
			benchPersons = append(benchPersons, p)
		}
	})
	return benchPersons
}
