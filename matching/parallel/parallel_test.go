package parallel

import (
	"sync/atomic"
	"testing"
)

func TestChunksCoverEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]atomic.Int32, n)
		Chunks(n, func(from, to int) {
			for i := from; i < to; i++ {
				seen[i].Add(1)
			}
		})
		for i := range seen {
			if seen[i].Load() != 1 {
				t.Fatalf("n=%d: index %d run %d times", n, i, seen[i].Load())
			}
		}
	}
}
