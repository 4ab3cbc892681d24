package server

import (
	"context"
	"log/slog"
	"mime"
	"net/http"
	"time"

	"github.com/vethub/vethub/web"
)

// New builds the HTTP server for cfg (defaults filled in) with its routes
// and middleware; start it with Serve. It panics when deps.Store or
// deps.Schema is nil, a wiring mistake.
func New(cfg Config, deps Deps) *http.Server {
	if deps.Store == nil || deps.Schema == nil {
		panic("server: Deps.Store and Deps.Schema are required")
	}
	cfg = cfg.withDefaults()
	log := deps.Logger
	if log == nil {
		log = slog.Default()
	}
	m := newMetrics(deps.Store.Pool)
	a := newAuthenticator(deps.Store, log, cfg.TokenCacheTTL)
	rl := newRateLimiter(cfg.RateLimit, cfg.RateBurst, m.rateLimited)
	closing, shutdown := context.WithCancel(context.Background())

	mux := http.NewServeMux()
	mux.Handle("/graphql", routed("/graphql", graphqlRoute(cfg, closing, a, rl, newGraphQL(cfg, deps, log, m, a, rl))))
	if cfg.IDE {
		mux.Handle("GET /{$}", routed("/", ideHandler()))
		mux.Handle(web.AssetPattern, routed("/ide/", web.Assets()))
	}
	mux.Handle("GET /healthz", routed("/healthz", http.HandlerFunc(healthz)))
	mux.Handle("GET /readyz", routed("/readyz", &readiness{store: deps.Store, log: log}))
	mux.Handle("GET /metrics", routed("/metrics", m.handler(log)))

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           observe(log, m, recoverPanics(log, mux)),
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Shutdown does not wait for hijacked websockets; ending their context
	// makes gqlgen close them.
	srv.RegisterOnShutdown(shutdown)
	return srv
}

// graphqlRoute sends browsers to the IDE (when on), and everything else
// through authentication, the token's rate limit and the body limit to
// gqlgen.
func graphqlRoute(cfg Config, closing context.Context, a *authenticator, rl *rateLimiter, gql http.Handler) http.Handler {
	api := a.middleware(rl.middleware(limitBody(cfg.MaxBodyBytes, gql)))
	ide := ideHandler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case cfg.IDE && wantsIDE(r):
			ide.ServeHTTP(w, r)
		case isUpgrade(r):
			api.ServeHTTP(w, longLived(w, r, closing))
		case r.Method == http.MethodPost && !isJSONBody(r):
			writeError(w, http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
				"POST a GraphQL request as Content-Type: application/json")
		default:
			ctx, cancel := context.WithTimeout(r.Context(), cfg.RequestTimeout)
			defer cancel()
			api.ServeHTTP(w, r.WithContext(ctx))
		}
	})
}

// longLived lifts the server's read and write deadlines for a websocket
// and ties its context to server shutdown.
func longLived(w http.ResponseWriter, r *http.Request, closing context.Context) *http.Request {
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(time.Time{})
	ctx, cancel := context.WithCancel(r.Context())
	context.AfterFunc(closing, cancel)
	return r.WithContext(ctx)
}

// isJSONBody reports whether a request's body is declared application/json,
// the one body media type the GraphQL-over-HTTP spec requires.
func isJSONBody(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == mediaJSON
}
