package db

import (
	"context"
	"sync"
	"time"
)

// AuditWriter appends audit entries for many concurrent callers with few
// transactions (group commit). Appends to a chain serialise on its lock
// and wait for their commit to be durable. Appending one request at a time
// would limit the audited reads to one commit each. Instead, entries that
// arrive while a transaction commits go together in the next one. Each
// caller still returns only once its entries are committed.
type AuditWriter struct {
	store *Store

	mu       sync.Mutex
	pending  []*auditRequest
	flushing bool
}

type auditRequest struct {
	entries []AuditEntry
	done    chan error
}

// NewAuditWriter returns a writer appending to store's audit log. It keeps
// no goroutine while idle.
func (s *Store) NewAuditWriter() *AuditWriter { return &AuditWriter{store: s} }

// auditFlushTimeout bounds one group's transaction, whatever its callers'
// contexts say: an entry whose caller gave up is still written.
const auditFlushTimeout = 30 * time.Second

// Record appends entries and returns once they are committed, or when ctx
// ends (the entries may still be written then).
func (w *AuditWriter) Record(ctx context.Context, entries []AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	req := &auditRequest{entries: entries, done: make(chan error, 1)}
	w.mu.Lock()
	w.pending = append(w.pending, req)
	if !w.flushing {
		w.flushing = true
		go w.flush()
	}
	w.mu.Unlock()
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// flush appends the pending groups one after the other until none is left.
func (w *AuditWriter) flush() {
	for {
		w.mu.Lock()
		group := w.pending
		w.pending = nil
		if len(group) == 0 {
			w.flushing = false
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
		w.append(group)
	}
}

// append writes a group in one transaction. If that fails, each request is
// tried alone, so one caller's bad entry cannot fail the others.
func (w *AuditWriter) append(group []*auditRequest) {
	ctx, cancel := context.WithTimeout(context.Background(), auditFlushTimeout)
	defer cancel()
	var all []AuditEntry
	for _, r := range group {
		all = append(all, r.entries...)
	}
	err := w.store.AuditRecord(ctx, all)
	if err != nil && len(group) > 1 {
		for _, r := range group {
			r.done <- w.store.AuditRecord(ctx, r.entries)
		}
		return
	}
	for _, r := range group {
		r.done <- err
	}
}
