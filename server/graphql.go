package server

import (
	"context"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
)

// newGraphQL builds the gqlgen handler: transports, caches, limits,
// metrics, the request scope and the error presenter.
func newGraphQL(cfg Config, deps Deps, log *slog.Logger, m *metrics, a *authenticator) *handler.Server {
	srv := handler.New(deps.Schema)
	srv.AddTransport(transport.Websocket{
		InitFunc:              a.wsInit,
		InitTimeout:           10 * time.Second,
		KeepAlivePingInterval: 10 * time.Second,
	})
	srv.AddTransport(transport.Options{AllowedMethods: []string{"GET", "POST", "OPTIONS"}})
	srv.AddTransport(getTransport{})
	srv.AddTransport(postTransport{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))

	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(&complexityLimit{limit: cfg.ComplexityLimit})
	srv.Use(depthLimit{max: cfg.MaxDepth})
	srv.Use(graphqlMetrics{m: m})
	if deps.RequestScope != nil {
		srv.AroundOperations(scopeOperation(deps.RequestScope))
	}

	p := &presenter{log: log}
	srv.SetErrorPresenter(p.present)
	srv.SetRecoverFunc(p.recover)
	return srv
}

// scopeOperation runs scope on each operation's context, per HTTP request
// and per websocket subscription alike.
func scopeOperation(scope func(context.Context) context.Context) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(scope(ctx))
	}
}
