package server

import (
	"context"
	"time"

	"github.com/vethub/vethub/db"
)

// lookup returns the token for hash from the cache while fresh, else from
// the database.
func (a *authenticator) lookup(ctx context.Context, hash []byte) (db.Token, error) {
	key := string(hash)
	now := time.Now()
	a.mu.Lock()
	c, ok := a.cache[key]
	a.mu.Unlock()
	if ok && now.Sub(c.fetched) < a.ttl {
		return c.token, nil
	}
	tok, err := a.store.TokenByHash(ctx, hash)
	if err != nil {
		return db.Token{}, err
	}
	a.remember(key, cachedToken{token: tok, fetched: now})
	return tok, nil
}

func (a *authenticator) remember(key string, c cachedToken) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.cache) >= maxCachedTokens {
		for k, old := range a.cache {
			if c.fetched.Sub(old.fetched) >= a.ttl {
				delete(a.cache, k)
			}
		}
		if len(a.cache) >= maxCachedTokens {
			clear(a.cache)
		}
	}
	a.cache[key] = c
}

// touch updates last_used_at in the background, at most once per
// touchEvery per token; a failure only costs the timestamp.
func (a *authenticator) touch(id int64) {
	now := time.Now()
	a.mu.Lock()
	due := now.Sub(a.touched[id]) >= touchEvery
	if due {
		a.touched[id] = now
	}
	a.mu.Unlock()
	if !due {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := a.store.TokenTouch(ctx, id); err != nil {
			a.log.Warn("token touch failed", "token_id", id, "error", err.Error())
		}
	}()
}
