package server

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/vethub/vethub/auth"
)

const (
	// rateIdleAfter is how long a token's bucket must go unused before it
	// may be dropped; rateSweepEvery is how often that is checked.
	rateIdleAfter  = 5 * time.Minute
	rateSweepEvery = time.Minute
)

// rateLimiter gives each token a bucket of burst requests refilled at
// perSecond. A nil *rateLimiter limits nothing.
type rateLimiter struct {
	perSecond float64
	burst     int
	rejected  prometheus.Counter

	mu        sync.Mutex
	buckets   map[int64]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	used time.Time
}

// newRateLimiter returns nil, no limit, unless perSecond is positive and
// finite.
func newRateLimiter(perSecond float64, burst int, rejected prometheus.Counter) *rateLimiter {
	if !(perSecond > 0) || math.IsInf(perSecond, 1) {
		return nil
	}
	return &rateLimiter{perSecond: perSecond, burst: max(burst, 1), rejected: rejected,
		buckets: map[int64]*bucket{}, lastSweep: time.Now()}
}

// middleware answers 429 with Retry-After to a request over its token's
// rate. Requests without a principal (OPTIONS, websocket upgrades) pass;
// websockets are counted in wsInit.
func (l *rateLimiter) middleware(next http.Handler) http.Handler {
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := auth.FromContext(r.Context())
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if wait, ok := l.take(p.TokenID, time.Now()); !ok {
			secs := retrySeconds(wait)
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			writeError(w, http.StatusTooManyRequests, CodeRateLimited, l.message(secs))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// wsInit counts opening a websocket as one request of its token.
func (l *rateLimiter) wsInit(init transport.WebsocketInitFunc) transport.WebsocketInitFunc {
	if l == nil {
		return init
	}
	return func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		ctx, ack, err := init(ctx, payload)
		if err != nil {
			return ctx, ack, err
		}
		p, _ := auth.FromContext(ctx)
		if wait, ok := l.take(p.TokenID, time.Now()); !ok {
			return ctx, nil, errors.New(l.message(retrySeconds(wait)))
		}
		return ctx, ack, nil
	}
}

// take spends one request of token's bucket, or says how long until one
// is available. The lock also covers the bucket, so a sweep cannot drop
// it between lookup and use.
func (l *rateLimiter) take(token int64, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b := l.buckets[token]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(l.perSecond), l.burst)}
		l.buckets[token] = b
	}
	b.used = now
	if b.lim.AllowN(now, 1) {
		return 0, true
	}
	l.rejected.Inc()
	missing := 1 - b.lim.TokensAt(now)
	return time.Duration(missing / l.perSecond * float64(time.Second)), false
}

// sweep drops buckets that are idle and full again: a new bucket starts
// full, so forgetting them changes nothing, and the map holds only tokens
// in recent use.
func (l *rateLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < rateSweepEvery {
		return
	}
	l.lastSweep = now
	for id, b := range l.buckets {
		if now.Sub(b.used) >= rateIdleAfter && b.lim.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, id)
		}
	}
}

func (l *rateLimiter) message(retryAfter int) string {
	return fmt.Sprintf("rate limit exceeded: a token may make %g requests per second, in bursts of up to %d; retry in %d s",
		l.perSecond, l.burst, retryAfter)
}

// retrySeconds rounds wait up to whole seconds, at least one, as
// Retry-After wants.
func retrySeconds(wait time.Duration) int {
	return max(1, int(math.Ceil(wait.Seconds())))
}
