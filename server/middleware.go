package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// requestInfo travels in the request context so the outermost middleware
// learns the route the mux picked.
type requestInfo struct {
	id    string
	route string
}

type requestInfoKey struct{}

// requestID returns the request's id, or "" outside a request.
func requestID(ctx context.Context) string {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return info.id
	}
	return ""
}

// routed labels requests to h with route for logs and metrics; labels are
// fixed strings so metric cardinality stays bounded.
func routed(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(requestInfoKey{}).(*requestInfo); ok {
			info.route = route
		}
		h.ServeHTTP(w, r)
	})
}

// observe assigns the request id (X-Request-Id in and out), and logs and
// counts every request once it is answered.
func observe(log *slog.Logger, m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{id: incomingRequestID(r), route: "unmatched"}
		w.Header().Set("X-Request-Id", info.id)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)))
		status := sw.statusCode()
		elapsed := time.Since(start)
		m.observeHTTP(info.route, status, elapsed)
		// Checked first: building the attributes costs allocations even
		// when the level is off, as it is for access logs in production.
		if level := accessLevel(info.route); log.Enabled(r.Context(), level) {
			logAccess(r.Context(), log, level, r.Method, info, status, elapsed)
		}
	})
}

// logAccess writes the access log line. It hands the record to the
// handler itself: Logger.Log would also walk the stack for the caller's
// program counter, a source location no one reads for this line, and that
// walk cost a third of the logging. Typed attributes box nothing.
func logAccess(ctx context.Context, log *slog.Logger, level slog.Level, method string, info *requestInfo, status int, elapsed time.Duration) {
	rec := slog.NewRecord(time.Now(), level, "http request", 0)
	rec.AddAttrs(slog.String("method", method), slog.String("route", info.route), slog.Int("status", status),
		slog.Int64("duration_ms", elapsed.Milliseconds()), slog.String("request_id", info.id))
	log.Handler().Handle(ctx, rec) // an error would be the log's own; Logger.Log drops it too
}

// accessLevel keeps probes and scrapes out of the default log.
func accessLevel(route string) slog.Level {
	switch route {
	case "/healthz", "/readyz", "/metrics":
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// incomingRequestID keeps a caller's X-Request-Id when it is short and
// plain (it ends up in logs), and makes one otherwise.
func incomingRequestID(r *http.Request) string {
	id := r.Header.Get("X-Request-Id")
	if id == "" || len(id) > 64 {
		return newErrorID()
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return newErrorID()
		}
	}
	return id
}

// recoverPanics turns a panic outside GraphQL execution into a logged 500
// with an error id, like the GraphQL presenter does.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { // net/http's way to abort quietly
				panic(v)
			}
			id := newErrorID()
			log.ErrorContext(r.Context(), "http panic", "error_id", id, "panic", fmt.Sprint(v),
				"request_id", requestID(r.Context()), "stack", string(debug.Stack()))
			writeError(w, http.StatusInternalServerError, CodeInternal, (&internalError{id: id}).Error())
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status code. Unwrap lets
// http.ResponseController and the websocket upgrade reach the connection.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 || w.status < 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush passes streaming responses through.
func (w *statusWriter) Flush() { http.NewResponseController(w.ResponseWriter).Flush() }

// Unwrap returns the wrapped writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) statusCode() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
