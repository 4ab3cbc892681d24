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
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// newGraphQL builds the gqlgen handler: transports, caches, limits,
// metrics, the request scope and the error presenter.
func newGraphQL(cfg Config, deps Deps, log *slog.Logger, m *metrics, a *authenticator, rl *rateLimiter) *handler.Server {
	srv := handler.New(deps.Schema)
	srv.AddTransport(transport.Websocket{
		InitFunc:              rl.wsInit(a.wsInit),
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
	if cfg.MaxAliases > 0 {
		srv.Use(aliasLimit{max: cfg.MaxAliases})
	}
	srv.Use(graphqlMetrics{m: m})
	p := &presenter{log: log}
	srv.AroundOperations(operationHooks(deps, p))
	srv.SetErrorPresenter(p.present)
	srv.SetRecoverFunc(p.recover)
	return srv
}

// operationHooks runs deps.RequestScope before each operation (per HTTP
// request and per websocket subscription event stream alike, and again
// before each event of a subscription) and
// deps.AfterOperation after each response is built. Either failing replaces
// the response with the error alone: no data leaves without its audit.
func operationHooks(deps Deps, p *presenter) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if deps.RequestScope != nil {
			var err error
			if ctx, err = deps.RequestScope(ctx, requestID(ctx)); err != nil {
				return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{p.present(ctx, err)}})
			}
		}
		h := next(ctx)
		perEvent := deps.RequestScope != nil && isSubscription(ctx)
		if deps.AfterOperation == nil && !perEvent {
			return h
		}
		return func(ctx context.Context) *graphql.Response {
			if perEvent {
				// Each event of a subscription is resolved in a scope of its
				// own: fresh dataloaders (no cache lives as long as the
				// stream) and its own audit of what it revealed.
				var err error
				if ctx, err = deps.RequestScope(ctx, requestID(ctx)); err != nil {
					return &graphql.Response{Errors: gqlerror.List{p.present(ctx, err)}}
				}
			}
			resp := h(ctx)
			if resp == nil {
				return nil
			}
			if err := deps.AfterOperation(ctx); err != nil {
				return &graphql.Response{Errors: gqlerror.List{p.present(ctx, err)}}
			}
			return resp
		}
	}
}

func isSubscription(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	op := graphql.GetOperationContext(ctx).Operation
	return op != nil && op.Operation == ast.Subscription
}
