package server

import (
	"context"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/vethub/vethub/db"
)

// Config tunes the server; zero fields take the defaults noted.
type Config struct {
	Addr            string // listen address, default 127.0.0.1:8080
	IDE             bool   // serve GraphiQL at / and to browsers at /graphql
	Introspection   bool   // allow __schema and __type queries
	ComplexityLimit int    // gqlgen complexity per operation, default 5000
	MaxDepth        int    // deepest selection nesting, default 12
	MaxAliases      int    // aliased fields per operation; 0 means no limit
	MaxBodyBytes    int64  // request body limit, default 8 MiB
	// RateLimit is the requests per second each token may make, in bursts
	// of up to RateBurst (default 100); 0 means no limit.
	RateLimit float64
	RateBurst int
	// TokenCacheTTL is how long a token lookup is reused, default 30s; a
	// revocation takes up to this long to reach a running server.
	TokenCacheTTL time.Duration
	// RequestTimeout bounds one GraphQL request over HTTP (its context, so
	// database work is cancelled too), default 60s; websockets are exempt.
	RequestTimeout    time.Duration
	ReadHeaderTimeout time.Duration // default 10s
	ReadTimeout       time.Duration // whole request incl. body, default 60s
	WriteTimeout      time.Duration // default 120s; websockets are exempt
	IdleTimeout       time.Duration // keep-alive, default 120s
}

// Deps is what the server needs from the rest of the program.
type Deps struct {
	Store  *db.Store                // tokens, readiness, pool metrics
	Schema graphql.ExecutableSchema // graph.NewExecutableSchema(...)
	Logger *slog.Logger             // nil means slog.Default()
	// RequestScope decorates the context of every GraphQL operation before
	// it runs (dataloaders, access to personal information); nil leaves it
	// as is. The principal is already in the context; requestID is the
	// X-Request-Id the response carries. An error refuses the operation.
	RequestScope func(ctx context.Context, requestID string) (context.Context, error)
	// AfterOperation runs once an operation's fields are resolved, before
	// the response leaves (the audit of what was read). An error withholds
	// the response.
	AfterOperation func(ctx context.Context) error
}

func (c Config) withDefaults() Config {
	setDefault(&c.Addr, "127.0.0.1:8080")
	setDefault(&c.ComplexityLimit, 5000)
	setDefault(&c.MaxDepth, 12)
	setDefault(&c.MaxBodyBytes, 8<<20)
	setDefault(&c.RateBurst, 100)
	setDefault(&c.TokenCacheTTL, 30*time.Second)
	setDefault(&c.RequestTimeout, 60*time.Second)
	setDefault(&c.ReadHeaderTimeout, 10*time.Second)
	setDefault(&c.ReadTimeout, 60*time.Second)
	setDefault(&c.WriteTimeout, 120*time.Second)
	setDefault(&c.IdleTimeout, 120*time.Second)
	return c
}

func setDefault[T comparable](field *T, value T) {
	var zero T
	if *field == zero {
		*field = value
	}
}
