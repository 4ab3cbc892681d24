package server

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// TestRateLimiterSweep checks that a bucket is dropped only once it is
// idle and full again, so forgetting it never grants extra requests.
func TestRateLimiterSweep(t *testing.T) {
	t.Parallel()
	t0 := time.Now()
	l := newRateLimiter(0.001, 2, prometheus.NewCounter(prometheus.CounterOpts{Name: "x"}))
	l.lastSweep = t0
	l.take(1, t0) // refills in 1000 s
	l.take(2, t0)
	l.take(2, t0)
	if _, ok := l.take(2, t0); ok {
		t.Fatal("third request within the burst of two was allowed")
	}
	// Idle long enough but not yet full: kept, and still limited.
	later := t0.Add(rateIdleAfter + time.Second)
	l.take(3, later)
	if len(l.buckets) != 3 {
		t.Fatalf("%d buckets after an early sweep, want 3", len(l.buckets))
	}
	// Full again: dropped, except the one just used.
	full := t0.Add(2001 * time.Second)
	l.take(3, full)
	if _, ok := l.buckets[3]; len(l.buckets) != 1 || !ok {
		t.Fatalf("buckets %v after the sweep, want only token 3", l.buckets)
	}
}

func TestRateLimiterOff(t *testing.T) {
	t.Parallel()
	for _, perSecond := range []float64{0, -1} {
		if l := newRateLimiter(perSecond, 10, nil); l != nil {
			t.Errorf("newRateLimiter(%g) limits", perSecond)
		}
	}
}

func TestRetrySeconds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		wait time.Duration
		want int
	}{
		{0, 1},
		{time.Millisecond, 1},
		{time.Second, 1},
		{1001 * time.Millisecond, 2},
		{999 * time.Second, 999},
	}
	for _, tt := range tests {
		if got := retrySeconds(tt.wait); got != tt.want {
			t.Errorf("retrySeconds(%v) = %d, want %d", tt.wait, got, tt.want)
		}
	}
}
