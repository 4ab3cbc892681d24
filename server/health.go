package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/vethub/vethub/db"
)

// healthz says the process is alive; it touches nothing else.
func healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// readiness answers /readyz: 200 when the database answers a ping and its
// schema has every migration this binary embeds, else 503 with the reason.
type readiness struct {
	store *db.Store
	log   *slog.Logger
	// current caches a positive schema check: migrations only move
	// forward while the binary runs.
	current atomic.Bool
}

func (rd *readiness) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if reason := rd.check(ctx); reason != "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("not ready: " + reason + "\n"))
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ready\n"))
}

// check returns why the server is not ready, or "".
func (rd *readiness) check(ctx context.Context) string {
	if err := rd.store.Pool.Ping(ctx); err != nil {
		rd.log.WarnContext(ctx, "readiness: database ping failed", "error", err.Error())
		return "database unreachable"
	}
	if rd.current.Load() {
		return ""
	}
	ok, err := rd.store.SchemaCurrent(ctx)
	if err != nil {
		rd.log.WarnContext(ctx, "readiness: schema check failed", "error", err.Error())
		return "schema version unknown"
	}
	if !ok {
		return "database schema is behind this binary: run vethub migrate"
	}
	rd.current.Store(true)
	return ""
}
