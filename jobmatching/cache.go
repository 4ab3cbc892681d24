package jobmatching

import (
	"context"
	"sync"
	"time"

	"github.com/vethub/vethub/feed"
)

// snapshot holds a value built from the database as of a change-feed
// stamp and a day; it is rebuilt when either moves. Readers share one
// value: it is never modified after it is built.
type snapshot[T any] struct {
	mu    sync.Mutex
	stamp string
	day   feed.Date
	value *T
	// settle, when set, is how long a value is served without looking
	// at the change feed: an index costly to rebuild is not rebuilt on
	// every call while ingest goes on, at the price of that much delay.
	settle  time.Duration
	checked time.Time
}

// get returns the value for day, first checking (one cheap query) whether
// the departments' rows changed since it was built. A rebuild runs once,
// while other callers wait for it.
func (c *snapshot[T]) get(ctx context.Context, s *Service, departments []string, day feed.Date,
	build func(context.Context, feed.Date) (*T, error)) (*T, error) {
	if v := c.settled(day); v != nil {
		return v, nil
	}
	stamp, err := s.stampOf(ctx, departments)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.checked = time.Now()
	if c.value != nil && c.stamp == stamp && c.day.Equal(day.Time) {
		return c.value, nil
	}
	v, err := build(ctx, day)
	if err != nil {
		return nil, err
	}
	c.value, c.stamp, c.day = v, stamp, day
	return v, nil
}

// settled returns the value when it was checked against the change feed
// less than settle ago, for the same day.
func (c *snapshot[T]) settled(day feed.Date) *T {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.settle > 0 && c.value != nil && c.day.Equal(day.Time) && time.Since(c.checked) < c.settle {
		return c.value
	}
	return nil
}

// last returns the value built last, without asking the change feed: for
// naming what a result just read from it refers to. nil before the first.
func (c *snapshot[T]) last() *T {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value
}
