package server

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// graphqlMetrics is the gqlgen extension that times operations and counts
// errors by code (parse and validation errors included: they pass
// through the response interceptors too).
type graphqlMetrics struct{ m *metrics }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.ResponseInterceptor
} = graphqlMetrics{}

// ExtensionName names the extension in gqlgen's stats.
func (graphqlMetrics) ExtensionName() string { return "Metrics" }

// Validate accepts every schema.
func (graphqlMetrics) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation times queries and mutations until their response is
// built; subscriptions live too long to be a latency.
func (g graphqlMetrics) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	start := time.Now()
	op := graphql.GetOperationContext(ctx).Operation
	h := next(ctx)
	if op == nil || op.Operation == ast.Subscription {
		return h
	}
	name, typ := g.m.operationLabel(op.Name), string(op.Operation)
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		g.m.gqlDuration.WithLabelValues(name, typ).Observe(time.Since(start).Seconds())
		return resp
	}
}

// InterceptResponse counts the response's errors by extensions.code.
func (g graphqlMetrics) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	for _, e := range resp.Errors {
		code, _ := e.Extensions["code"].(string)
		if code == "" {
			code = "NONE"
		}
		g.m.gqlErrors.WithLabelValues(code).Inc()
	}
	return resp
}
