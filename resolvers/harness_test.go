package resolvers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph"
	"github.com/vethub/vethub/resolvers"
)

var admin = auth.Principal{TokenID: 1, Name: "admin", Role: auth.RoleAdmin}

// api serves the schema over the store the way the server does: principal
// first, then fresh request-scoped loaders.
type api struct {
	t     *testing.T
	store *db.Store
	res   *resolvers.Resolver
	h     *handler.Server
}

func newAPI(t *testing.T, store *db.Store) *api {
	res := resolvers.New(resolvers.Deps{Store: store})
	return &api{t: t, store: store, res: res, h: newHandler(res)}
}

// newHandler serves res with the hooks the server runs around every
// operation: the request scope before, the audit of revealed reads after.
func newHandler(res *resolvers.Resolver) *handler.Server {
	h := handler.New(graph.NewExecutableSchema(res.Config()))
	h.AddTransport(transport.POST{})
	h.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		ctx, err := res.RequestScope(ctx, "test-request")
		if err != nil {
			return graphql.OneShot(graphql.ErrorResponse(ctx, "%s", err))
		}
		respond := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			resp := respond(ctx)
			if err := res.AuditReads(ctx); err != nil {
				return graphql.ErrorResponse(ctx, "audit: %s", err)
			}
			return resp
		}
	})
	return h
}

// as returns a client acting as p.
func (a *api) as(p auth.Principal) *client.Client {
	return client.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.h.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), p)))
	}))
}

// clientWithout returns a client whose requests carry no principal, as the
// server would never send them: every read must refuse.
func clientWithout(a *api) *client.Client {
	return client.New(a.h)
}

func fmtList(ss []string) string { return "[" + strings.Join(ss, " ") + "]" }

// gqlError is one entry of a response's errors.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// query runs q and decodes data into out (leniently, unlike client.Post),
// returning the response's errors.
func query(t *testing.T, c *client.Client, q string, out any, vars ...client.Option) []gqlError {
	t.Helper()
	resp, err := c.RawPost(q, vars...)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	var errs []gqlError
	if resp.Errors != nil {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("errors: %v", err)
		}
	}
	if out != nil && resp.Data != nil {
		b, _ := json.Marshal(resp.Data)
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("data %s: %v", b, err)
		}
	}
	return errs
}

// mustQuery is query failing the test on any GraphQL error.
func mustQuery(t *testing.T, c *client.Client, q string, out any, vars ...client.Option) {
	t.Helper()
	if errs := query(t, c, q, out, vars...); len(errs) > 0 {
		t.Fatalf("errors: %+v", errs)
	}
}

// queryCounter is a pgx tracer counting the statements a pool runs, alone
// or in a batch, and the round trips they take.
type queryCounter struct {
	mu    sync.Mutex
	sqls  []string
	trips int
}

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	c.add(data.SQL, true)
	return ctx
}

func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (c *queryCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.trips++
	return ctx
}

func (c *queryCounter) TraceBatchQuery(_ context.Context, _ *pgx.Conn, data pgx.TraceBatchQueryData) {
	c.add(data.SQL, false)
}

func (c *queryCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func (c *queryCounter) add(sql string, trip bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sqls = append(c.sqls, strings.Join(strings.Fields(sql), " "))
	if trip {
		c.trips++
	}
}

// reset forgets what was counted and returns the statements.
func (c *queryCounter) reset() []string {
	sqls, _ := c.resetTrips()
	return sqls
}

// resetTrips forgets what was counted and returns the statements and the
// round trips they took.
func (c *queryCounter) resetTrips() ([]string, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sqls, trips := c.sqls, c.trips
	c.sqls, c.trips = nil, 0
	return sqls, trips
}
