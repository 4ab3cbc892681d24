package db

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// CaseFlagged announces a new case.
type CaseFlagged struct {
	ID         int64
	RegionCode string // for filtering by scope before reading the case
}

// Bounds of the case feed.
const (
	caseFeedBuffer     = 256 // announcements a slow subscriber may lag behind before losing some
	caseFeedReadyWait  = 10 * time.Second
	caseFeedBackoffMin = 100 * time.Millisecond
	caseFeedBackoffMax = 10 * time.Second
)

// CaseFeed fans the announcements of new cases (CaseFlaggedChannel) out to
// this process's subscribers over one LISTEN connection, however many
// subscribers there are. The connection opens with the first subscriber,
// reconnects after failures and closes when the last subscriber leaves.
// Announcements made while it reconnects are lost (the cases are not).
type CaseFeed struct {
	store *Store
	log   *slog.Logger

	mu    sync.Mutex
	subs  map[chan CaseFlagged]struct{}
	stop  context.CancelFunc // of the running listener, nil when none
	ready chan struct{}      // closed once the running listener listens
}

// NewCaseFeed returns a feed over s's database.
func (s *Store) NewCaseFeed(log *slog.Logger) *CaseFeed {
	return &CaseFeed{store: s, log: log, subs: map[chan CaseFlagged]struct{}{}}
}

// Subscribe returns the cases announced from now until ctx ends, when the
// channel closes. It returns once the feed listens, so no case committed
// after it returns is missed; it fails when the feed cannot listen within
// a few seconds.
func (f *CaseFeed) Subscribe(ctx context.Context) (<-chan CaseFlagged, error) {
	ch := make(chan CaseFlagged, caseFeedBuffer)
	f.mu.Lock()
	f.subs[ch] = struct{}{}
	if f.stop == nil {
		var run context.Context
		run, f.stop = context.WithCancel(context.Background())
		f.ready = make(chan struct{})
		go f.run(run, f.ready)
	}
	ready := f.ready
	f.mu.Unlock()
	unhook := context.AfterFunc(ctx, func() { f.leave(ch) })
	var err error
	select {
	case <-ready:
		return ch, nil
	case <-ctx.Done():
		err = fmt.Errorf("case feed: %w", ctx.Err())
	case <-time.After(caseFeedReadyWait):
		err = errors.New("case feed: cannot listen for new cases")
	}
	if unhook() {
		f.leave(ch)
	}
	return nil, err
}

// leave removes a subscriber, and stops listening after the last.
func (f *CaseFeed) leave(ch chan CaseFlagged) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.subs, ch)
	close(ch)
	if len(f.subs) == 0 && f.stop != nil {
		f.stop()
		f.stop = nil
	}
}

// run listens until ctx ends, reconnecting with backoff.
func (f *CaseFeed) run(ctx context.Context, ready chan struct{}) {
	var once sync.Once
	backoff := caseFeedBackoffMin
	for {
		listening := false
		err := f.listen(ctx, func() { listening = true; once.Do(func() { close(ready) }) })
		if ctx.Err() != nil {
			return
		}
		if listening {
			backoff = caseFeedBackoffMin
		}
		f.log.Warn("case feed: listening failed", "error", err.Error(), "retry_in", backoff.String())
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, caseFeedBackoffMax)
	}
}

// listen holds one LISTEN connection and fans its notifications out.
func (f *CaseFeed) listen(ctx context.Context, listening func()) error {
	conn, err := pgx.ConnectConfig(ctx, f.store.Pool.Config().ConnConfig.Copy())
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+CaseFlaggedChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	listening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("wait: %w", err)
		}
		if c, ok := parseCaseFlagged(n.Payload); ok {
			f.fanOut(c)
		} else {
			f.log.Warn("case feed: bad payload", "payload", n.Payload)
		}
	}
}

// fanOut hands c to every subscriber without waiting: one whose buffer is
// full loses it rather than holding up the others.
func (f *CaseFeed) fanOut(c CaseFlagged) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		select {
		case ch <- c:
		default:
			f.log.Warn("case feed: subscriber too slow, announcement dropped", "case_id", c.ID)
		}
	}
}

// parseCaseFlagged reads a payload "<case id>:<region code>".
func parseCaseFlagged(payload string) (CaseFlagged, bool) {
	id, region, ok := strings.Cut(payload, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	return CaseFlagged{ID: n, RegionCode: region}, ok && err == nil
}
