package db

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// The regions table is reference data of a few dozen rows that changes only
// when a binary of a newer edition migrates (regionsSync), yet nearly every
// person read asks for a region and its ancestors. So it is read once per
// pool and served from memory: a region and its parents cost no query.

// regionsMaxAge is how long a copy is served before a read reloads it in
// the background (serving the old copy meanwhile), so an edition synced by
// another process shows up without a restart.
const regionsMaxAge = 5 * time.Minute

// regionTable is an immutable copy of the regions table; its regions are
// shared by every reader and must not be modified.
type regionTable struct {
	byCode map[string]*Region
	loaded time.Time
}

// regionCache holds the current copy for one pool.
type regionCache struct {
	mu        sync.Mutex // one load at a time
	current   atomic.Pointer[regionTable]
	reloading atomic.Bool
}

// regionCache returns the store's cache (a zero cache is empty and ready).
func (s *Store) regionCache() *regionCache { return &s.regions }

// RegionsRefresh reloads the in-memory regions now, e.g. after the table
// was written; reads otherwise reload it only once it is regionsMaxAge old.
func (s *Store) RegionsRefresh(ctx context.Context) error {
	_, err := s.regionCache().load(ctx, s, true)
	return err
}

// table returns the current copy, loading it on first use; a stale copy is
// returned as is while a reload runs in the background.
func (c *regionCache) table(ctx context.Context, s *Store) (*regionTable, error) {
	t := c.current.Load()
	if t == nil {
		return c.load(ctx, s, false)
	}
	if time.Since(t.loaded) > regionsMaxAge && c.reloading.CompareAndSwap(false, true) {
		go func() {
			defer c.reloading.Store(false)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c.load(ctx, s, true) // on failure the old copy stays, and the next read retries
		}()
	}
	return t, nil
}

// containing returns the most specific region of t whose code is a
// prefix of code, nil when none (12, 9, then 6 digits).
func (t *regionTable) containing(code string) *Region {
	for _, n := range regionCodeLengths {
		if len(code) >= n {
			if r := t.byCode[code[:n]]; r != nil {
				return r
			}
		}
	}
	return nil
}

// load reads the table unless another caller has meanwhile (and force is
// false).
func (c *regionCache) load(ctx context.Context, s *Store, force bool) (*regionTable, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t := c.current.Load(); t != nil && !force {
		return t, nil
	}
	loaded := time.Now()
	rows, err := s.Regions(ctx)
	if err != nil {
		return nil, err
	}
	t := &regionTable{byCode: make(map[string]*Region, len(rows)), loaded: loaded}
	for i := range rows {
		t.byCode[rows[i].Code] = &rows[i]
	}
	c.current.Store(t)
	return t, nil
}
